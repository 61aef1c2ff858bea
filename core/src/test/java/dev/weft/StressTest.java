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

package dev.weft;

import java.util.concurrent.Future;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.test.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Long runs that look for lost tasks and lost wake-ups; run with {@code ./weft stress}. */
@Tag("stress")
class StressTest {

    @Test
    void aMillionTasksAllRunAndAreJoined() {
        int count = 1_000_000;
        long sum = Weft.run(() -> {
            var tasks = new ArrayList<Task<Integer>>(count);
            for (int i = 0; i < count; i++) {
                tasks.add(Weft.spawn(() -> 1));
            }
            long total = 0;
            for (Task<Integer> task : tasks) {
                total += task.result();
            }
            return total;
        });
        assertThat(sum).isEqualTo(count);
    }

    @Test
    void spawnsAndCancelsFromManyThreadsLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        try (var loop = new Loop()) {
            var tasks = new ConcurrentLinkedQueue<Task<Void>>();
            var start = new CountDownLatch(1);
            var workers = new ArrayList<Thread>();
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < perThread; i++) {
                        Task<Void> task = loop.spawn(() -> Weft.sleep(Duration.ofMillis(
                                ThreadLocalRandom.current().nextInt(3))));
                        tasks.add(task);
                        if (i % 3 == 0) {
                            task.cancel();
                        }
                    }
                }));
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
            for (Task<Void> task : tasks) {
                task.join();
                assertThat(task.state()).isIn(Future.State.SUCCESS, Future.State.CANCELLED);
            }
            assertThat(loop.stats().tasksAlive()).isZero();
        }
    }

    @Test
    void manyLoopsPingEachOtherWithoutLostWakeUps() throws Exception {
        int loops = 4;
        int rounds = 20_000;
        var all = new ArrayList<Loop>();
        try {
            for (int i = 0; i < loops; i++) {
                all.add(new Loop());
            }
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < loops; i++) {
                Loop here = all.get(i);
                Loop there = all.get((i + 1) % loops);
                tasks.add(here.spawn(() -> {
                    int done = 0;
                    for (int r = 0; r < rounds; r++) {
                        done += there.spawn(() -> 1).result();
                    }
                    return done;
                }));
            }
            for (Task<Integer> task : tasks) {
                assertThat(task.result()).isEqualTo(rounds);
            }
        } finally {
            all.forEach(Loop::close);
        }
    }

    @Test
    void deepTimeoutNestingUnderVirtualTimeStaysConsistent() {
        var clock = new VirtualClock();
        int tasks = 10_000;
        int finished = VirtualClock.run(clock, () -> {
            var all = new ArrayList<Task<Boolean>>();
            for (int i = 0; i < tasks; i++) {
                int limit = 1 + i % 50;
                all.add(Weft.spawn(() -> {
                    try {
                        return Weft.timeout(Duration.ofSeconds(limit), () -> Weft.timeout(
                                Duration.ofSeconds(limit * 2L), () -> {
                                    Weft.sleep(Duration.ofSeconds(limit + 1));
                                    return false;
                                }));
                    } catch (java.util.concurrent.TimeoutException expected) {
                        return true;
                    }
                }));
            }
            int count = 0;
            for (Task<Boolean> task : all) {
                count += task.result() ? 1 : 0;
            }
            return count;
        });
        assertThat(finished).isEqualTo(tasks);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(50));
    }
}
