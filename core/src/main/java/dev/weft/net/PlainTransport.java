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

package dev.weft.net;

import dev.weft.internal.loop.TaskCore;

import dev.weft.internal.park.Parking;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** Bytes straight through the socket. */
final class PlainTransport implements Transport {
    private final SocketChannel channel;
    // Whether the last read left the socket empty (it filled less than the room it had): the
    // next read then waits for readiness first instead of paying a system call that would
    // only say "nothing yet". Loop thread only.
    private boolean drained;

    PlainTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer into, TaskCore me) throws IOException {
        if (drained) {
            LoopOwner.awaitReady(me, channel, SelectionKey.OP_READ);
        }
        while (true) {
            int room = into.remaining();
            int count = channel.read(into);
            if (count != 0) {
                drained = count > 0 && count < room;
                return count;
            }
            LoopOwner.awaitReady(me, channel, SelectionKey.OP_READ);
        }
    }

    @Override
    public void write(ByteBuffer from, TaskCore me) throws IOException {
        while (from.hasRemaining()) {
            if (channel.write(from) == 0) {
                LoopOwner.awaitReady(me, channel, SelectionKey.OP_WRITE);
            }
        }
    }

    @Override
    public void closing() {
        // nothing to say: the socket's FIN is the goodbye
    }
}
