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

/**
 * Networking owned by the loop: {@link dev.weft.net.TcpConnection} (asyncio's streams: read up to
 * n, exactly n, a line, up to a delimiter; write with back-pressure; half-close) and
 * {@link dev.weft.net.TcpServer} (a task per connection, graceful close).
 *
 * <p>Plain {@code java.net} sockets also work inside tasks, but every readiness event then
 * crosses from the JDK's poller thread to the loop. Here the loop owns a {@code java.nio}
 * selector: a task that must wait for a socket parks on it, the loop polls it once per turn while
 * any task waits, and the loop's idle wait is the selector's, so readiness and the waiting task
 * meet on one thread. A loop opens its selector on first use; loops that never use this package
 * have none.
 *
 * <p>Host names are resolved on the loop's worker pool ({@code dev.weft.exec.Offload}), since
 * DNS blocks the thread that asks.
 */
package dev.weft.net;
