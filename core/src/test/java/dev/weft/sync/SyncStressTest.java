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

package dev.weft.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.queue.FifoQueue;
import dev.weft.queue.JoinableQueue;
import dev.weft.queue.QueueShutdownException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Long runs of locks and queues under contention from several loops and threads, with random
 * cancellations and timeouts, looking for lost wake-ups, lost items and broken exclusion; run
 * with {@code ./weft stress}.
 */
@Tag("stress")
class SyncStressTest {

    @Test
    void aLockKeepsExclusionUnderContentionCancelsAndTimeouts() throws Exception {
        var lock = new Lock();
        long[] counter = new long[1];
        int loops = 4;
        int tasksPerLoop = 50;
        int rounds = 2_000;
        var loopList = new ArrayList<Loop>();
        var tasks = new ArrayList<Task<Long>>();
        try {
            for (int l = 0; l < loops; l++) {
                Loop loop = new Loop();
                loopList.add(loop);
                for (int t = 0; t < tasksPerLoop; t++) {
                    tasks.add(loop.spawn(() -> {
                        long mine = 0;
                        for (int round = 0; round < rounds; round++) {
                            try {
                                Weft.timeout(Duration.ofMillis(
                                        ThreadLocalRandom.current().nextInt(1, 5)), () -> {
                                    lock.lock();
                                    try {
                                        long seen = counter[0];
                                        if (ThreadLocalRandom.current().nextInt(8) == 0) {
                                            Weft.yieldNow();
                                        }
                                        counter[0] = seen + 1;
                                    } finally {
                                        lock.unlock();
                                    }
                                    return null;
                                });
                                mine++;
                            } catch (TimeoutException e) {
                                // the lock was busy for too long: this round did not count
                            }
                        }
                        return mine;
                    }));
                }
            }
            long counted = 0;
            for (Task<Long> task : tasks) {
                counted += task.get();
            }
            assertThat(counter[0]).isEqualTo(counted);
            assertThat(lock.isLocked()).isFalse();
            assertThat(lock.waiting()).isZero();
        } finally {
            loopList.forEach(Loop::close);
        }
    }

    @Test
    void queuesLoseNoItemAcrossLoopsThreadsAndSelects() throws Exception {
        var a = new FifoQueue<Integer>(8);
        var b = new FifoQueue<Integer>(0);
        int perProducer = 20_000;
        int producers = 4;
        try (var producerLoop = new Loop(); var consumerLoop = new Loop()) {
            var puts = new ArrayList<Task<Void>>();
            for (int p = 0; p < producers; p++) {
                var target = p % 2 == 0 ? a : b;
                puts.add(producerLoop.spawn(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        target.put(1);
                    }
                }));
            }
            var consumers = new ArrayList<Task<Long>>();
            for (int c = 0; c < 3; c++) {
                consumers.add(consumerLoop.spawn(() -> {
                    long sum = 0;
                    try {
                        while (true) {
                            sum += JoinableQueue.select(List.of(a, b)).item();
                        }
                    } catch (QueueShutdownException done) {
                        return sum;
                    }
                }));
            }
            Thread plain = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        a.put(1);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (Task<Void> put : puts) {
                put.get();
            }
            plain.join();
            a.shutdown();
            b.shutdown();
            long total = 0;
            for (Task<Long> consumer : consumers) {
                total += consumer.get();
            }
            assertThat(total).isEqualTo((long) (producers + 1) * perProducer);
        }
    }
}
