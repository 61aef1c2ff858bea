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

import java.util.concurrent.Future;
import static dev.weft.Outcomes.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.DeadlockException;
import dev.weft.Loop;
import dev.weft.LoopOptions;
import dev.weft.StallPolicy;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.queue.FifoQueue;
import dev.weft.test.RecordingHandler;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Deadlocks across loops and threads, and the waits that are not deadlocks. */
class DeadlockTest {
    /** Where the failures of stalled tasks that nobody reads are reported, one per test. */
    private final RecordingHandler problems = new RecordingHandler();
    /** A loop no plain thread touches, so that a stall is certain and may fail its waits. */
    private final LoopOptions CLOSED_WORLD = problems.options().withStallPolicy(StallPolicy.FAIL);

    @Test
    void aCycleAcrossTwoLoopsIsReported() throws Exception {
        var first = new Lock("first");
        var second = new Lock("second");
        var bothHoldOne = new Barrier(2);
        try (var left = new Loop(); var right = new Loop()) {
            Task<Void> a = left.spawn("a", () -> takeBoth(first, second, bothHoldOne));
            Task<Void> b = right.spawn("b", () -> takeBoth(second, first, bothHoldOne));
            a.join();
            b.join();
            var failed = List.of(a, b).stream().filter(t -> t.state() == Future.State.FAILED)
                    .toList();
            // Usually one task closes the cycle; when both close it at the same instant on their
            // two carriers, both see it and both fail.
            assertThat(failed).isNotEmpty().allSatisfy(task -> assertThat(failureOf(task))
                    .isInstanceOf(DeadlockException.class)
                    .hasMessageContaining("task \"a\" waits on Lock \"")
                    .hasMessageContaining("task \"b\" waits on Lock \""));
        }
    }

    @Test
    void aCycleBetweenATaskAndAPlainThreadIsReported() throws Exception {
        var first = new Lock("first");
        var second = new Lock("second");
        var bothHoldOne = new Barrier(2);
        try (var loop = new Loop()) {
            Task<Void> task = loop.spawn("task", () -> takeBoth(first, second, bothHoldOne));
            Throwable[] threadFailure = new Throwable[1];
            Thread thread = Thread.ofPlatform().name("worker").start(() -> {
                try {
                    takeBoth(second, first, bothHoldOne);
                } catch (Throwable e) {
                    threadFailure[0] = e;
                }
            });
            thread.join();
            task.join();
            assertThat(failureOf(task) != null ? failureOf(task) : threadFailure[0])
                    .isInstanceOf(DeadlockException.class)
                    .hasMessageContaining("thread \"worker\"")
                    .hasMessageContaining("task \"task\"");
        }
    }

    private static void takeBoth(Lock firstLock, Lock secondLock, Barrier bothHoldOne)
            throws Exception {
        firstLock.lock();
        try {
            bothHoldOne.await();
            secondLock.lock();
            secondLock.unlock();
        } finally {
            firstLock.unlock();
        }
    }

    @Test
    void tasksLeftWaitingWhenMainEndsAreCancelledNotReported() {
        var problems = new RecordingHandler();
        Task<?>[] consumer = new Task<?>[1];
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                var queue = new FifoQueue<String>();
                consumer[0] = Weft.spawn(queue::take);
                Weft.yieldNow();
                return null;
            });
        }
        assertThat(consumer[0].state()).isEqualTo(Future.State.CANCELLED);
        assertThat(problems.messages()).singleElement().asString()
                .contains("were still running; they were cancelled");
    }

    @Test
    void aLoopDrivenFromOutsideIsNotReportedWhileItsOwnerMayStillAct() throws Exception {
        try (var loop = new Loop()) {
            var queueReady = new CountDownLatch(1);
            var queues = new FifoQueue<?>[1];
            Task<String> consumer = loop.spawn(() -> {
                var queue = new FifoQueue<String>();
                queues[0] = queue;
                queueReady.countDown();
                return queue.take();
            });
            queueReady.await();
            while (queues[0].waiting() == 0) {
                Thread.onSpinWait();
            }
            @SuppressWarnings("unchecked")
            var queue = (FifoQueue<String>) queues[0];
            queue.put("fed from outside");
            assertThat(consumer.get()).isEqualTo("fed from outside");
        }
    }

    @Test
    void aMainWaitingForATaskStuckOnAnEventOfItsLoopFailsInAClosedWorld() {
        try (var loop = new Loop(CLOSED_WORLD)) {
            assertThatThrownBy(() -> loop.run(() -> {
                var never = new Event();
                Weft.spawn("waiter", never::await).join();
                return Weft.spawn("joined", () -> 1).result();
            })).isInstanceOf(DeadlockException.class)
                    .hasMessageContaining("task \"waiter\" waits on Event[not set, 1 waiting]")
                    .hasMessageContaining("task \"main\" waits for Task[waiter RUNNING] to "
                            + "finish");
        }
    }

    @Test
    void aStallIsReportedOnceAndItsWaitsGoOnUntilAPlainThreadEndsThem() throws Exception {
        var reported = new CountDownLatch(1);
        var reportedAgain = new CountDownLatch(2);
        var problems = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var options = LoopOptions.defaults().withStallGrace(java.time.Duration.ofMillis(20))
                .withExceptionHandler((loop, message, error) -> {
                    problems.add(message);
                    reported.countDown();
                    reportedAgain.countDown();
                });
        var event = new Event();
        var secondReport = new boolean[1];
        Thread setter = Thread.ofPlatform().start(() -> {
            try {
                reported.await();
                // Ten grace periods with the stall unchanged: still one report.
                secondReport[0] = reportedAgain.await(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            event.set();   // the loop could not know this thread would come
        });
        String outcome;
        try (var loop = new Loop(options)) {
            outcome = loop.run(() -> {
                Weft.spawn("waiter", event::await).join();
                return "ok";
            });
        }
        setter.join();
        assertThat(outcome).isEqualTo("ok");
        assertThat(secondReport[0]).isFalse();
        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst()).contains("may be deadlocked")
                .contains("task \"waiter\" waits on Event[not set, 1 waiting]")
                .contains("task \"main\" waits for Task[waiter RUNNING] to finish")
                .contains("StallPolicy.FAIL");
    }

    @Test
    void anEventSetLaterByAPlainThreadIsNoDeadlock() throws Exception {
        var started = new CountDownLatch(1);
        String outcome = Weft.run(() -> {
            var done = new Event();
            Thread.ofPlatform().start(() -> {
                try {
                    started.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                done.set();
            });
            // Runs once main has parked in await(): the thread sets the event only then.
            Loop.current().callLater(java.time.Duration.ZERO, started::countDown);
            done.await();
            return "ok";
        });
        assertThat(outcome).isEqualTo("ok");
    }

    @Test
    void waitsWithATimeoutAreNotReported() throws Exception {
        Weft.run(() -> {
            var lock = new Lock();
            lock.lock();
            Task<Boolean> waiter = Weft.spawn(() -> lock.tryLock(50,
                    java.util.concurrent.TimeUnit.MILLISECONDS));
            Weft.yieldNow();
            waiter.join();   // waits for a task that waits for main: but only for 50 ms
            assertThat(waiter.result()).isFalse();
            lock.unlock();
            return null;
        });
    }

    @Test
    void theStallReportNamesEveryTaskAndWhatItWaitsOn() {
        Throwable failure = null;
        try (var loop = new Loop(CLOSED_WORLD)) {
            loop.run(() -> {
                var queue = new FifoQueue<Integer>();
                var lock = new Lock("state");
                lock.lock();
                Task<Integer> consumer = Weft.spawn("consumer", queue::take);
                Task<Void> locker = Weft.spawn("locker", () -> {
                    lock.lock();
                });
                Weft.yieldNow();
                consumer.join();
                return locker;
            });
        } catch (Throwable e) {
            failure = e;
        }
        assertThat(failure).isInstanceOf(DeadlockException.class)
                .hasMessageStartingWith("deadlock on loop ")
                .hasMessageContaining("task \"consumer\" waits on FifoQueue[0 items")
                .hasMessageContaining("task \"locker\" waits on Lock \"state\"[held by task "
                        + "\"main\"")
                .hasMessageContaining("task \"main\" waits for Task[consumer RUNNING] to finish")
                .hasMessageContaining("task \"consumer\" is at:");
        assertThat(problems.messages()).anySatisfy(message -> assertThat(message)
                .startsWith("task \"main\" ended while holding Lock \"state\""));
    }

    @Test
    void theFailureOfAStalledTaskCanBeReadFromIt() throws Exception {
        Task<?>[] consumer = new Task<?>[1];
        try (var loop = new Loop(CLOSED_WORLD)) {
            assertThatThrownBy(() -> loop.run(() -> {
                var queue = new FifoQueue<Integer>();
                consumer[0] = Weft.spawn(queue::take);
                return consumer[0].get();
            })).isInstanceOf(DeadlockException.class);
        }
        assertThat(failureOf(consumer[0])).isInstanceOf(DeadlockException.class);
        assertThatThrownBy(consumer[0]::get).isInstanceOf(ExecutionException.class);
    }
}
