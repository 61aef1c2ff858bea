# Copyright 2026 The Weft Authors. Licensed under the Apache License, Version 2.0.
# The job of W8's RQ reference: nothing, as the Java variants' handlers do nothing.
def work(stamp):
    return None
