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

package dev.weft.exec;

import dev.weft.Action;
import dev.weft.Loop;
import dev.weft.Weft;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs blocking calls off the calling task's loop, on the loop's default {@link WorkerPool}:
 * asyncio's {@code to_thread}. The calling task parks meanwhile; the loop runs its other tasks.
 *
 * {@snippet :
 * String text = Offload.call(() -> Files.readString(path));     // file I/O blocks a carrier
 * InetAddress address = Offload.call(() -> InetAddress.getByName(host));   // so does DNS
 * }
 *
 * <p>Each loop's default pool has {@value #DEFAULT_THREADS} threads at most, named after the
 * loop, started on demand; it is closed when the loop closes.
 *
 * <p>See {@code dev.weft.exec} for which calls need offloading.
 */
public final class Offload {
    /** The most threads of a loop's default pool. */
    public static final int DEFAULT_THREADS = 64;

    private static final Map<Loop, WorkerPool> POOLS = new ConcurrentHashMap<>();

    private Offload() {}

    /**
     * Runs {@code body} on the calling task's loop's default pool and returns its value; a cancel
     * of the calling task cancels the work. This is a {@linkplain dev.weft cancellation point}.
     *
     * @throws WrongThreadException if the caller is not a task
     * @throws CancellationException if the calling task is cancelled
     */
    public static <T> T call(Callable<T> body) {
        return pool().call(body);
    }

    /** Runs {@code body} as {@link #call} does, for a body with no value. */
    public static void run(Action body) {
        pool().call(() -> {
            body.run();
            return null;
        });
    }

    /**
     * Returns the calling task's loop's default pool, creating it on first use.
     *
     * @throws WrongThreadException if the caller is not a task
     */
    public static WorkerPool pool() {
        if (!Weft.inTask()) {
            throw new WrongThreadException("Offload must be called from a task; start one with "
                    + "Weft.run(...), or use a WorkerPool of your own from a plain thread");
        }
        Loop loop = Weft.current().loop();
        WorkerPool pool = POOLS.get(loop);
        return pool != null ? pool : POOLS.computeIfAbsent(loop, Offload::create);
    }

    private static WorkerPool create(Loop loop) {
        var pool = new WorkerPool(loop.name() + "-worker", DEFAULT_THREADS);
        loop.closeWith(() -> {
            POOLS.remove(loop);
            pool.close();
        });
        return pool;
    }
}
