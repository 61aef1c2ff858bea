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

package dev.weft.bench;

import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.exec.LoopGroup;
import dev.weft.exec.Work;
import dev.weft.exec.WorkerPool;
import java.time.Duration;
import java.util.ArrayList;

/** Workloads of {@code dev.weft.exec}: offloading blocking calls, and loops in parallel. */
public final class ExecWorkloads {
    private ExecWorkloads() {}

    /** What the offload workload measured. */
    public record OffloadFigures(long wallNanos, long latenessP99Nanos, int ticks) {}

    /**
     * One task offloads {@code calls} blocking calls of {@code blockFor} each through a pool of
     * {@code threads} workers and waits for them all, while a second task of the same loop
     * sleeps 1 ms at a time and records how late each wake-up is.
     */
    public static OffloadFigures offload(int calls, Duration blockFor, int threads) {
        try (var pool = new WorkerPool("offload", threads)) {
            return Weft.run(() -> {
                var ticker = LatenessTicker.start();
                long start = System.nanoTime();
                var works = new ArrayList<Work<Object>>(calls);
                for (int i = 0; i < calls; i++) {
                    works.add(pool.submit(() -> {
                        Thread.sleep(blockFor);
                        return null;
                    }));
                }
                for (Work<Object> work : works) {
                    work.result();
                }
                long wall = System.nanoTime() - start;
                long p99 = ticker.stopAndP99();
                return new OffloadFigures(wall, p99, ticker.ticks());
            });
        }
    }

    /**
     * W1 spread over a group of {@code loops} loops: on each loop a driver task spawns its share
     * of {@code n} trivial tasks and joins them; returns the wall time in nanoseconds.
     */
    public static long spawnAndJoinOnGroup(int loops, int n) throws Exception {
        try (var group = new LoopGroup(loops)) {
            long start = System.nanoTime();
            var drivers = new ArrayList<Task<Long>>();
            for (var loop : group.loops()) {
                int share = n / loops;
                drivers.add(loop.spawn(() -> {
                    var tasks = new ArrayList<Task<Integer>>(share);
                    for (int i = 0; i < share; i++) {
                        tasks.add(Weft.spawn(() -> 1));
                    }
                    long sum = 0;
                    for (Task<Integer> task : tasks) {
                        sum += task.result();
                    }
                    return sum;
                }));
            }
            long total = 0;
            for (Task<Long> driver : drivers) {
                total += driver.get();
            }
            if (total != (long) (n / loops) * loops) {
                throw new IllegalStateException("lost tasks: " + total);
            }
            return System.nanoTime() - start;
        }
    }
}
