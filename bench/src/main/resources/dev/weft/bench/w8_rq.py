# Copyright 2026 The Weft Authors. Licensed under the Apache License, Version 2.0.
# W8's Python reference: RQ, the job queue on Redis, with a SimpleWorker (no fork per job).
# Usage: w8_rq.py PORT N; prints "RESULT <wall ns>" once N jobs were enqueued and done.
import sys
import time

from redis import Redis
from rq import Queue, SimpleWorker

import w8_rq_job

port, n = int(sys.argv[1]), int(sys.argv[2])
connection = Redis(host="127.0.0.1", port=port)
queue = Queue("w8-rq", connection=connection)
start = time.perf_counter()
for _ in range(n):
    queue.enqueue(w8_rq_job.work, time.time_ns(), result_ttl=0)
SimpleWorker([queue], connection=connection).work(burst=True, logging_level="ERROR")
if queue.count != 0 or queue.failed_job_registry.count != 0:
    sys.exit("RQ left %d queued and %d failed" % (queue.count, queue.failed_job_registry.count))
print("RESULT", int((time.perf_counter() - start) * 1e9))
