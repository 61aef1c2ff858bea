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
 * Work that must not run on a loop, and more than one loop: {@link dev.weft.exec.WorkerPool}
 * (Python's {@code ThreadPoolExecutor}: {@code submit}, {@code map}, done-callbacks, shutdown),
 * {@link dev.weft.exec.Offload} (asyncio's {@code to_thread}, on each loop's default pool),
 * {@link dev.weft.exec.TaskPool} (gevent's {@code Pool}: at most N tasks at once) and
 * {@link dev.weft.exec.LoopGroup} (one loop per core).
 *
 * <h2>What needs offloading</h2>
 * A task's ordinary blocking calls park it and free the loop, except those that block the
 * carrier thread itself; on JDK 25 these stall every task of the loop for as long as they take:
 * <ul>
 * <li>file I/O: {@code java.io} streams and {@code RandomAccessFile}, {@code java.nio.file.Files},
 * {@code FileChannel}, FIFOs and device files;</li>
 * <li>DNS look-ups: {@code InetAddress.getByName} and friends, and so connecting to a host
 * name;</li>
 * <li>reading a {@code Process}'s pipes, and {@code Process.waitFor} under a lock;</li>
 * <li>blocking inside a class initialiser, or under a native (JNI or FFM) frame;</li>
 * <li>long CPU-bound work, which holds the loop however it is written.</li>
 * </ul>
 * Sockets, {@code Thread.sleep}, {@code java.util.concurrent} locks and queues, {@code
 * synchronized} and {@code Object.wait} do not: they park the task.
 */
package dev.weft.exec;
