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

import dev.weft.internal.hook.Uninterruptibly;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The platform threads that do the blocking reads and writes of {@link PipeReader} and
 * {@link PipeWriter}: daemon threads, made on demand and reused, so that a program ends even
 * while a pump waits on a stream that never ends. Platform threads, not virtual ones: a virtual
 * thread made from a task would run on the task's loop, and a blocking read there would hold it.
 */
final class Pumps {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon(true).name("weft-pump-", 1).factory());

    private Pumps() {}

    /**
     * Runs {@code pump} on a pump thread, named {@code name} while it runs, and returns once the
     * thread has run {@code share}: a use of the Weft primitives it shares with the stream's
     * users, so that they count as used by a thread outside any loop from the start. Otherwise
     * a task waiting on them before the pump's first use would count as waiting on its own
     * loop: a virtual clock would jump ahead of the stream, and a slow one would look like a
     * stall.
     */
    static void start(String name, Runnable share, Runnable pump) {
        var shared = new CountDownLatch(1);
        THREADS.execute(() -> {
            Thread self = Thread.currentThread();
            String idle = self.getName();
            self.setName(name);
            try {
                share.run();
                shared.countDown();
                pump.run();
            } finally {
                shared.countDown();
                self.setName(idle);
            }
        });
        Uninterruptibly.run(shared::await);   // the pump's first step is a short one
    }
}
