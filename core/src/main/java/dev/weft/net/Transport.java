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

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * How a {@link TcpConnection} moves bytes: straight through its socket, or through TLS. Both
 * park the calling task on the loop's selector while the socket cannot go on.
 */
sealed interface Transport permits PlainTransport, TlsTransport {

    /**
     * Reads at least one byte into {@code into}, waiting for it; returns how many, or -1 at the
     * end of the stream.
     */
    int read(ByteBuffer into, TaskCore me) throws IOException;

    /** Writes all of {@code from}, waiting while the socket is full. */
    void write(ByteBuffer from, TaskCore me) throws IOException;

    /** Says goodbye before the socket closes (TLS's close_notify); best effort, never waits. */
    void closing();
}
