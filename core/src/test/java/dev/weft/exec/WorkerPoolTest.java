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

import java.util.concurrent.Future;
import static dev.weft.Outcomes.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void blockingWorkDoesNotStallTheOtherTasksOfTheLoop() {
        var events = new ArrayList<String>();
        try (var pool = new WorkerPool("test", 2)) {
            Weft.run(() -> {
                var release = new CountDownLatch(1);
                Work<String> work = pool.submit(() -> {
                    release.await();          // blocks a worker thread, not the loop
                    return "done";
                });
                Task<Void> ticker = Weft.spawn(() -> {
                    for (int i = 1; i <= 3; i++) {
                        events.add("tick " + i);
                        Weft.yieldNow();
                    }
                    release.countDown();
                });
                events.add("waiting");
                events.add(work.result());
                ticker.join();
            });
        }
        assertThat(events).containsExactly("waiting", "tick 1", "tick 2", "tick 3", "done");
    }

    @Test
    void noMoreThanTheThreadCountRunAtOnce() throws Exception {
        var inside = new AtomicInteger();
        var most = new AtomicInteger();
        var threeAtOnce = new CyclicBarrier(3);
        try (var pool = new WorkerPool("bounded", 3)) {
            var works = new ArrayList<Work<?>>();
            for (int i = 0; i < 12; i++) {
                boolean meet = i < 3;
                works.add(pool.submit(() -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    if (meet) {
                        threeAtOnce.await();   // only passes if three run together
                    }
                    inside.decrementAndGet();
                    return null;
                }));
            }
            for (Work<?> work : works) {
                work.get();
            }
        }
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void mapKeepsInputOrder() {
        try (var pool = new WorkerPool("map", 4)) {
            List<Integer> doubled = Weft.run(() -> pool.map(n -> {
                Thread.sleep(20 - n);       // later inputs finish first
                return n * 2;
            }, IntStream.range(0, 20).boxed().toList()));
            assertThat(doubled).containsExactlyElementsOf(
                    IntStream.range(0, 20).map(n -> n * 2).boxed().toList());
        }
    }

    @Test
    void mapThrowsTheFirstFailureInInputOrder() {
        try (var pool = new WorkerPool("map", 2)) {
            assertThatThrownBy(() -> pool.map(n -> {
                if (n == 3) {
                    throw new IOException("input " + n);
                }
                return n;
            }, List.of(1, 2, 3, 4)))
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(IOException.class)
                    .hasRootCauseMessage("input 3");
        }
    }

    @Test
    void doneCallbacksRunOnTheRegisteringTasksLoopInOrder() {
        var seen = new ArrayList<String>();
        String[] loopName = new String[1];
        try (var pool = new WorkerPool("callbacks", 1)) {
            Weft.run(() -> {
                loopName[0] = Weft.current().loop().name();
                var release = new CountDownLatch(1);
                Work<Integer> work = pool.submit(() -> {
                    release.await();
                    return 42;
                });
                work.onDone(w -> seen.add("first " + w.resultNow() + " on "
                        + Thread.currentThread().getName()));
                work.onDone(w -> seen.add("second"));
                release.countDown();
                work.join();
                work.onDone(w -> seen.add("after completion"));
                Weft.sleep(java.time.Duration.ofMillis(1));   // lets the loop run the callbacks
            });
        }
        assertThat(seen).containsExactlyInAnyOrder("first 42 on " + loopName[0], "second",
                "after completion");
        assertThat(seen.indexOf("second")).isGreaterThan(seen.indexOf("first 42 on "
                + loopName[0]));
    }

    @Test
    void cancellingPendingWorkMeansItNeverRuns() throws Exception {
        var ran = new AtomicInteger();
        try (var pool = new WorkerPool("cancel", 1)) {
            var release = new CountDownLatch(1);
            Work<Object> blocker = pool.submit(() -> {
                release.await();
                return null;
            });
            Work<Integer> pending = pool.submit(ran::incrementAndGet);
            assertThat(pending.cancel()).isTrue();
            release.countDown();
            blocker.get();
            assertThat(pending.state()).isEqualTo(Future.State.CANCELLED);
            assertThatThrownBy(pending::get).isInstanceOf(CancellationException.class);
        }
        assertThat(ran.get()).isZero();
    }

    @Test
    void cancellingTheCallingTaskOfCallInterruptsTheWork() throws Exception {
        var interrupted = new CountDownLatch(1);
        var started = new CountDownLatch(1);
        try (var pool = new WorkerPool("call", 1); var loop = new Loop()) {
            Task<String> caller = loop.spawn(() -> pool.call(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();   // forever, unless interrupted
                    return "never";
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            }));
            started.await();
            caller.cancel();
            caller.join();
            assertThat(caller.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aTimedGetGivesUpAndTheWorkGoesOn() throws Exception {
        try (var pool = new WorkerPool("timed", 1)) {
            var release = new CountDownLatch(1);
            Work<String> work = pool.submit(() -> {
                release.await();
                return "late";
            });
            Weft.run(() -> {
                assertThatThrownBy(() -> work.get(10, TimeUnit.MILLISECONDS))
                        .isInstanceOf(TimeoutException.class);
            });
            release.countDown();
            assertThat(work.get()).isEqualTo("late");
        }
    }

    @Test
    void afterShutdownNewWorkIsRefusedAndPendingWorkStillRuns() throws Exception {
        var pool = new WorkerPool("shut", 1);
        var release = new CountDownLatch(1);
        Work<Object> running = pool.submit(() -> {
            release.await();
            return null;
        });
        Work<String> pending = pool.submit(() -> "ran");
        pool.shutdown();
        assertThatThrownBy(() -> pool.submit(() -> 1))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessage("worker pool \"shut\" is shut down; submit before shutdown() or "
                        + "create a new WorkerPool");
        release.countDown();
        pool.close();
        assertThat(running.state()).isEqualTo(Future.State.SUCCESS);
        assertThat(pending.get()).isEqualTo("ran");
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void shutdownNowCancelsPendingWorkAndReleasesItsWaiters() throws Exception {
        var pool = new WorkerPool("now", 1);
        var started = new CountDownLatch(1);
        Work<Object> running = pool.submit(() -> {
            started.countDown();
            new CountDownLatch(1).await();
            return null;
        });
        Work<String> pending = pool.submit(() -> "never");
        started.await();
        try (var loop = new Loop()) {
            Task<String> waiter = loop.spawn(pending::result);
            assertThat(pool.shutdownNow()).containsExactly(pending);
            waiter.join();
            assertThat(failureOf(waiter)).isInstanceOf(CancellationException.class);
        }
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(running.state()).isEqualTo(Future.State.CANCELLED);
    }

    @Test
    void aFailureNobodyReadIsLoggedWhenThePoolCloses() {
        var records = new ArrayList<LogRecord>();
        Logger logger = Logger.getLogger("dev.weft");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean parents = logger.getUseParentHandlers();
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);   // captured here, not printed
        try {
            var pool = new WorkerPool("lost", 1);
            Work<Object> failing = pool.submit(() -> {
                throw new IOException("disk");
            });
            Work<Object> read = pool.submit(() -> {
                throw new IOException("read");
            });
            assertThatThrownBy(read::get).isInstanceOf(ExecutionException.class);
            pool.close();
            assertThat(failing.state()).isEqualTo(Future.State.FAILED);
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(parents);
        }
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getMessage()).startsWith("[lost] Work[").contains(
                    "failed and nobody read its failure");
            assertThat(record.getThrown()).hasMessage("disk");
        });
    }

    @Test
    void offloadRunsOnTheLoopsDefaultPoolWhichClosesWithTheLoop() {
        WorkerPool[] pool = new WorkerPool[1];
        String worker = Weft.run(() -> {
            pool[0] = Offload.pool();
            return Offload.call(() -> Thread.currentThread().getName());
        });
        assertThat(worker).startsWith("weft-").contains("-worker-");
        assertThat(pool[0].isShutdown()).isTrue();
    }

    @Test
    void offloadOutsideATaskIsAClearError() {
        assertThatThrownBy(() -> Offload.call(() -> 1))
                .isInstanceOf(WrongThreadException.class)
                .hasMessageStartingWith("Offload must be called from a task");
    }
}
