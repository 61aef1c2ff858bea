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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The primitives shared by tasks of two loops, whose carriers run in parallel. */
class CrossLoopTest {
    private Loop left;
    private Loop right;

    @BeforeEach
    void startLoops() {
        left = new Loop();
        right = new Loop();
    }

    @AfterEach
    void closeLoops() {
        left.close();
        right.close();
    }

    @Test
    void aSemaphoreBoundsTasksOfBothLoops() throws Exception {
        var semaphore = new Semaphore(2);
        var inside = new AtomicInteger();
        var most = new AtomicInteger();
        var tasks = new ArrayList<Task<Void>>();
        for (Loop loop : List.of(left, right)) {
            for (int i = 0; i < 20; i++) {
                tasks.add(loop.spawn(() -> {
                    for (int round = 0; round < 50; round++) {
                        semaphore.withPermit(() -> {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Weft.yieldNow();
                            inside.decrementAndGet();
                            return null;
                        });
                    }
                }));
            }
        }
        for (Task<Void> task : tasks) {
            task.get();
        }
        assertThat(most.get()).isBetween(1, 2);
        assertThat(semaphore.availablePermits()).isEqualTo(2);
    }

    @Test
    void anEventSetOnOneLoopWakesTasksOfTheOther() throws Exception {
        var event = new Event();
        var waiters = new ArrayList<Task<String>>();
        for (int i = 0; i < 10; i++) {
            waiters.add(right.spawn(() -> {
                event.await();
                return "woke";
            }));
        }
        left.spawn(() -> {
            while (event.waiting() < 10) {
                Weft.yieldNow();
            }
            event.set();
        }).get();
        for (Task<String> waiter : waiters) {
            assertThat(waiter.get()).isEqualTo("woke");
        }
    }

    @Test
    void aConditionPassesWorkBetweenLoops() throws Exception {
        var condition = new Condition(new Lock("mailbox"));
        var mailbox = new ArrayList<Integer>();
        int items = 500;
        Task<Long> consumer = right.spawn(() -> {
            long sum = 0;
            for (int i = 0; i < items; i++) {
                condition.lock();
                try {
                    condition.await(() -> !mailbox.isEmpty());
                    sum += mailbox.removeFirst();
                    condition.signalAll();
                } finally {
                    condition.unlock();
                }
            }
            return sum;
        });
        Task<Void> producer = left.spawn(() -> {
            for (int i = 1; i <= items; i++) {
                condition.lock();
                try {
                    condition.await(() -> mailbox.size() < 3);
                    mailbox.add(i);
                    condition.signalAll();
                } finally {
                    condition.unlock();
                }
            }
        });
        producer.get();
        assertThat(consumer.get()).isEqualTo((long) items * (items + 1) / 2);
    }

    @Test
    void aBarrierMeetsTasksOfBothLoopsRoundAfterRound() throws Exception {
        var rounds = new AtomicInteger();
        var barrier = new Barrier(4, rounds::incrementAndGet);
        var tasks = new ArrayList<Task<Void>>();
        for (Loop loop : List.of(left, right, left, right)) {
            tasks.add(loop.spawn(() -> {
                for (int round = 0; round < 100; round++) {
                    barrier.await();
                }
            }));
        }
        for (Task<Void> task : tasks) {
            task.get();
        }
        assertThat(rounds.get()).isEqualTo(100);
    }

    @Test
    void anRLockIsHeldByOneTaskAtATimeAcrossLoops() throws Exception {
        var lock = new RLock();
        var inside = new AtomicInteger();
        var overlaps = new AtomicInteger();
        var tasks = new ArrayList<Task<Void>>();
        for (Loop loop : List.of(left, right)) {
            for (int i = 0; i < 10; i++) {
                tasks.add(loop.spawn(() -> {
                    for (int round = 0; round < 100; round++) {
                        lock.lock();
                        lock.lock();
                        try {
                            if (inside.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            Weft.yieldNow();
                            inside.decrementAndGet();
                        } finally {
                            lock.unlock();
                            lock.unlock();
                        }
                    }
                }));
            }
        }
        for (Task<Void> task : tasks) {
            task.get();
        }
        assertThat(overlaps.get()).isZero();
        assertThat(lock.isLocked()).isFalse();
    }
}
