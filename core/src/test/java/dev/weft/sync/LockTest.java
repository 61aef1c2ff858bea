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

import dev.weft.Action;
import java.util.concurrent.Future;
import static dev.weft.Outcomes.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.DeadlockException;
import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.test.RecordingHandler;
import dev.weft.test.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LockTest {

    @Test
    void waitingTasksGetTheLockInArrivalOrder() {
        var order = new ArrayList<String>();
        Weft.run(() -> {
            var lock = new Lock();
            lock.lock();
            var tasks = Stream.of("a", "b", "c").map(name -> Weft.spawn(() -> {
                lock.lock();
                order.add(name);
                lock.unlock();
            })).toList();
            Weft.yieldNow();
            assertThat(lock.waiting()).isEqualTo(3);
            lock.unlock();
            Weft.joinAll(tasks);
        });
        assertThat(order).containsExactly("a", "b", "c");
    }

    @Test
    void aReleaseHandsTheLockToTheWaiterBeforeANewcomerCanTakeIt() {
        var order = new ArrayList<String>();
        Weft.run(() -> {
            var lock = new Lock();
            lock.lock();
            Task<Void> waiter = Weft.spawn(() -> {
                lock.lock();
                order.add("waiter");
                lock.unlock();
            });
            Weft.yieldNow();
            lock.unlock();
            assertThat(lock.tryLock()).isFalse();   // already the waiter's
            order.add("newcomer refused");
            waiter.join();
        });
        assertThat(order).containsExactly("newcomer refused", "waiter");
    }

    @Test
    void tryLockOnALockOneHoldsAnswersFalseAsTheLockContractSays() throws Exception {
        var lock = new Lock("accounts");
        List<Boolean> answers = Weft.run(() -> {
            lock.lock();
            try {
                return List.of(lock.tryLock(), lock.tryLock(1, TimeUnit.SECONDS));
            } finally {
                lock.unlock();
            }
        });
        assertThat(answers).containsExactly(false, false);
        assertThat(lock.tryLock()).isTrue();   // released exactly once: free again
        lock.unlock();
    }

    @Test
    void lockIsNotSerializableAndSaysSo() {
        assertThatThrownBy(() -> new java.io.ObjectOutputStream(
                new java.io.ByteArrayOutputStream()).writeObject(new Lock()))
                .isInstanceOf(java.io.NotSerializableException.class);
    }

    @Test
    void reacquiringALockOneHoldsIsAClearError() {
        var problems = new RecordingHandler();
        runOn(problems, () -> {
            Task<Void> fetch = Weft.spawn("fetch-3", () -> {
                var lock = new Lock("accounts");
                lock.lock();
                lock.lock();
            });
            fetch.join();
            assertThat(failureOf(fetch))
                    .isInstanceOf(DeadlockException.class)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Lock \"accounts\" is not reentrant and task \"fetch-3\" already "
                            + "holds it; use RLock to acquire it again");
        });
        assertThat(problems.messages()).singleElement().asString()
                .startsWith("task \"fetch-3\" ended while holding Lock \"accounts\"");
    }

    /** Runs {@code main} on a loop that reports to {@code problems}. */
    private static void runOn(RecordingHandler problems, Action main) {
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                main.run();
                return null;
            });
        }
    }

    @Test
    void releasingALockHeldByAnotherTaskFails() {
        var problems = new RecordingHandler();
        runOn(problems, () -> {
            var lock = new Lock();
            Task<Void> holder = Weft.spawn("worker-1", lock::lock);
            holder.join();
            Task<Void> thief = Weft.spawn("worker-2", lock::unlock);
            thief.join();
            assertThat(failureOf(thief))
                    .isInstanceOf(IllegalMonitorStateException.class)
                    .hasMessageStartingWith("task \"worker-2\" cannot release Lock[held by "
                            + "task \"worker-1\"");
        });
        assertThat(problems.messages()).singleElement().asString()
                .startsWith("task \"worker-1\" ended while holding Lock");
    }

    @Test
    void releasingAnUnlockedLockFails() {
        Weft.run(() -> {
            assertThatThrownBy(() -> new Lock().unlock())
                    .isInstanceOf(IllegalMonitorStateException.class)
                    .hasMessageEndingWith("it is not locked");
        });
    }

    @Test
    void aCancelledWaiterLeavesTheLockToTheNext() {
        var order = new ArrayList<String>();
        Weft.run(() -> {
            var lock = new Lock();
            lock.lock();
            Task<Void> cancelled = Weft.spawn(() -> {
                try {
                    lock.lock();
                    order.add("cancelled task got the lock");
                } finally {
                    order.add("cancelled task cleaned up");
                }
            });
            Task<Void> next = Weft.spawn(() -> {
                lock.lock();
                order.add("next got the lock");
                lock.unlock();
            });
            Weft.yieldNow();
            cancelled.cancel();
            cancelled.join();
            lock.unlock();
            next.join();
            assertThat(cancelled.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(lock.isLocked()).isFalse();
        });
        assertThat(order).containsExactly("cancelled task cleaned up", "next got the lock");
    }

    @Test
    void aTimeoutEndsTheWaitWithoutTakingTheLock() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            var lock = new Lock();
            lock.lock();
            Task<Boolean> waiter = Weft.spawn(() -> {
                try {
                    Weft.timeout(Duration.ofHours(1), () -> {
                        lock.lock();
                        return true;
                    });
                    return true;
                } catch (TimeoutException e) {
                    return false;
                }
            });
            assertThat(waiter.result()).isFalse();
            assertThat(lock.waiting()).isZero();
            lock.unlock();
            assertThat(lock.tryLock()).isTrue();
            lock.unlock();
            return null;
        });
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void tryLockWithATimeoutUsesTheLoopClock() throws Exception {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            var lock = new Lock();
            Task<Void> holder = Weft.spawn(() -> {
                lock.lock();
                try {
                    Weft.sleep(Duration.ofMinutes(10));
                } finally {
                    lock.unlock();
                }
            });
            Weft.yieldNow();
            assertThat(lock.tryLock(1, TimeUnit.MINUTES)).isFalse();
            assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(1));
            holder.cancel();   // ends, and lets go of the lock, before main does
            holder.join();
            return null;
        });
    }

    @Test
    void aPlainThreadAndTasksOfTwoLoopsShareALock() throws Exception {
        var lock = new Lock();
        var counter = new int[1];
        var loops = List.of(new Loop(), new Loop());
        try {
            var tasks = new ArrayList<Task<Void>>();
            for (Loop loop : loops) {
                for (int i = 0; i < 20; i++) {
                    tasks.add(loop.spawn(() -> {
                        for (int round = 0; round < 200; round++) {
                            lock.lock();
                            try {
                                int seen = counter[0];
                                Weft.yieldNow();          // let others try to get in
                                counter[0] = seen + 1;
                            } finally {
                                lock.unlock();
                            }
                        }
                    }));
                }
            }
            for (int round = 0; round < 200; round++) {
                lock.lock();
                try {
                    counter[0]++;
                } finally {
                    lock.unlock();
                }
            }
            for (Task<Void> task : tasks) {
                task.get();
            }
        } finally {
            loops.forEach(Loop::close);
        }
        assertThat(counter[0]).isEqualTo(2 * 20 * 200 + 200);
    }

    @Test
    void aPlainThreadInterruptedInLockInterruptiblyGetsInterruptedException() throws Exception {
        var lock = new Lock();
        var failure = new Throwable[1];
        try (var loop = new Loop()) {
            var held = new CountDownLatch(1);
            var release = new Event();
            Task<Void> holder = loop.spawn(() -> {
                lock.lock();
                held.countDown();
                release.await();
                lock.unlock();
            });
            held.await();
            Thread thread = Thread.ofPlatform().start(() -> {
                try {
                    lock.lockInterruptibly();
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            while (lock.waiting() == 0) {
                Thread.onSpinWait();
            }
            thread.interrupt();
            thread.join();
            release.set();
            holder.get();
        }
        assertThat(failure[0]).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aTaskEndingWhileHoldingALockIsReportedAndItsWaitersGetADeadlock() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                var lock = new Lock("db");
                Weft.spawn("careless", lock::lock).join();
                assertThat(lock.isLocked()).isTrue();   // the Lock contract: it stays held
                assertThatThrownBy(lock::lock)
                        .isInstanceOf(DeadlockException.class)
                        .hasMessageContaining("task \"main\" waits on Lock \"db\"[held by task "
                                + "\"careless\"")
                        .hasMessageContaining("which has ended without releasing it");
                return null;
            });
        }
        assertThat(problems.messages()).singleElement().asString()
                .startsWith("task \"careless\" ended while holding Lock \"db\"[held by task "
                        + "\"careless\"")
                .contains("-Dweft.debug=true");
    }

    @Test
    void waitersAlreadyWaitingWhenTheOwnerEndsHoldingTheLockGetADeadlockReport() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                var lock = new Lock("db");
                var release = new Event();
                Task<Void> careless = Weft.spawn("careless", () -> {
                    lock.lock();
                    release.await();   // ends without unlocking
                });
                Weft.yieldNow();
                Task<Void> waiter = Weft.spawn("waiter", lock::lock);
                Weft.yieldNow();
                assertThat(lock.waiting()).isEqualTo(1);
                release.set();
                careless.join();
                waiter.join();
                assertThat(failureOf(waiter)).isInstanceOf(DeadlockException.class)
                        .hasMessageContaining("held by task \"careless\", which has ended without "
                                + "releasing it");
                return null;
            });
        }
    }

    @Test
    void twoTasksTakingTwoLocksInOppositeOrderGetADeadlockReport() {
        Weft.run(() -> {
            var first = new Lock("first");
            var second = new Lock("second");
            var bothHoldOne = new Barrier(2);
            Task<Void> a = Weft.spawn("a", () -> {
                first.lock();
                try {
                    bothHoldOne.await();
                    second.lock();
                    second.unlock();
                } finally {
                    first.unlock();
                }
            });
            Task<Void> b = Weft.spawn("b", () -> {
                second.lock();
                try {
                    bothHoldOne.await();
                    first.lock();
                    first.unlock();
                } finally {
                    second.unlock();
                }
            });
            Weft.joinAll(List.of(a, b));
            // b waits first; a closes the cycle, fails, lets go of "first", and b finishes.
            assertThat(b.state()).isEqualTo(Future.State.SUCCESS);
            assertThat(failureOf(a)).isInstanceOf(DeadlockException.class)
                    .hasMessageStartingWith("deadlock: task \"a\" waits on Lock \"second\"[held "
                            + "by task \"b\", 1 waiting], held by task \"b\"; task \"b\" waits "
                            + "on Lock \"first\"[held by task \"a\", 1 waiting], held by task "
                            + "\"a\"")
                    .hasMessageContaining("task \"b\" is at:");
        });
    }

    @Test
    void aCycleOfThreeTasksIsReported() {
        Weft.run(() -> {
            var locks = List.of(new Lock("l0"), new Lock("l1"), new Lock("l2"));
            var allHoldOne = new Barrier(3);
            var tasks = new ArrayList<Task<Void>>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                tasks.add(Weft.spawn("t" + n, () -> {
                    locks.get(n).lock();
                    try {
                        allHoldOne.await();
                        locks.get((n + 1) % 3).lock();
                        locks.get((n + 1) % 3).unlock();
                    } finally {
                        locks.get(n).unlock();
                    }
                }));
            }
            Weft.joinAll(tasks);
            assertThat(tasks).filteredOn(t -> t.state() == Future.State.FAILED).singleElement()
                    .satisfies(t -> assertThat(failureOf(t))
                            .isInstanceOf(DeadlockException.class)
                            .hasMessageContaining("task \"t0\"")
                            .hasMessageContaining("task \"t1\"")
                            .hasMessageContaining("task \"t2\""));
        });
    }

    @Test
    void joiningATaskThatWaitsForALockTheJoinerHoldsIsReported() {
        Weft.run(() -> {
            var lock = new Lock("state");
            lock.lock();
            Task<Void> worker = Weft.spawn("worker", () -> {
                lock.lock();
                lock.unlock();
            });
            Weft.yieldNow();
            assertThatThrownBy(worker::join)
                    .isInstanceOf(DeadlockException.class)
                    .hasMessageStartingWith("deadlock: task \"main\" waits for Task[worker "
                            + "RUNNING] to finish, held by task \"worker\"; task \"worker\" "
                            + "waits on Lock \"state\"");
            lock.unlock();
            worker.join();
            return null;
        });
    }
}
