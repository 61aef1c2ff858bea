/*
 * Copyright 2026 The Weft Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.weft.redis;

import dev.weft.net.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The bytes of the commands a connection is about to send, kept between sends: a connection
 * then allocates no buffer per command, and writes what it built without copying it.
 */
final class CommandBuffer extends ByteArrayOutputStream {
    CommandBuffer() {
        super(256);
    }

    /** Appends {@code value} (not negative) in decimal, without making a string of it. */
    void writeDecimal(int value) {
        if (value < 10) {
            write('0' + value);
            return;
        }
        int digits = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensureRoom(digits);
        for (int at = count + digits - 1; at >= count; at--) {
            buf[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        count += digits;
    }

    private void ensureRoom(int more) {
        if (count + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
        }
    }

    /** Empties the buffer, and lets go of a large one that one big pipeline needed. */
    @Override
    public void reset() {
        super.reset();
        if (buf.length > 64 * 1024) {
            buf = new byte[256];
        }
    }

    /** Writes what was built to {@code socket}, from the buffer itself. */
    void writeTo(TcpConnection socket) throws IOException {
        socket.write(buf, 0, count);
    }
}
