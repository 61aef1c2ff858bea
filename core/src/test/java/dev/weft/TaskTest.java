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

import static dev.weft.Outcomes.failureOf;
import dev.weft.test.RecordingHandler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class TaskTest {

    @Test
    void aTaskGoesFromPendingToRunningToDone() {
        var seen = new ArrayList<String>();
        Weft.run(() -> {
            Task<Integer> task = Weft.spawn("t", () -> {
                seen.add(Weft.current().toString());
                return 1;
            });
            seen.add(task + " " + task.state());
            task.join();
            seen.add(task + " " + task.state());
        });
        assertThat(seen).containsExactly("Task[t PENDING] RUNNING", "Task[t RUNNING]",
                "Task[t DONE] SUCCESS");
    }

    @Test
    void joinWaitsWithoutThrowingTheFailure() {
        Weft.run(() -> {
            Task<Void> failing = Weft.spawn(() -> {
                throw new IOException("disk");
            });
            failing.join();
            assertThat(failing.state()).isEqualTo(Future.State.FAILED);
            assertThat(failing.state()).isEqualTo(Future.State.FAILED);
            assertThat(failureOf(failing)).isInstanceOf(IOException.class);
        });
    }

    @Test
    void getWrapsTheFailureInExecutionException() {
        Weft.run(() -> {
            Task<Void> failing = Weft.spawn(() -> {
                throw new IOException("disk");
            });
            assertThatThrownBy(failing::get)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IOException.class);
        });
    }

    @Test
    void resultThrowsUncheckedFailuresAsTheyAreAndWrapsCheckedOnes() {
        Weft.run(() -> {
            Task<Void> unchecked = Weft.spawn(() -> {
                throw new IllegalStateException("state");
            });
            Task<Void> checked = Weft.spawn(() -> {
                throw new IOException("io");
            });
            assertThatThrownBy(unchecked::result).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(checked::result)
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(IOException.class);
        });
    }

    @Test
    void aTaskJoiningItselfIsAClearError() {
        Throwable error = Weft.run(() -> {
            try {
                Weft.current().join();
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertThat(error).hasMessage("task \"main\" cannot join itself: it would wait forever");
    }

    @Test
    void waitingOnATaskParksOnlyTheWaiter() {
        var events = new ArrayList<String>();
        Weft.run(() -> {
            Task<String> slow = Weft.spawn(() -> {
                events.add("slow starts");
                Weft.sleep(Duration.ofMillis(20));
                events.add("slow ends");
                return "slow";
            });
            Task<Boolean> other = Weft.spawn(() -> events.add("other runs meanwhile"));
            events.add("main waits");
            events.add("main got " + slow.result());
            other.join();
        });
        assertThat(events).containsExactly("main waits", "slow starts", "other runs meanwhile",
                "slow ends", "main got slow");
    }

    @Test
    void aPlainThreadCanJoinAndReadATask() throws Exception {
        try (var loop = new Loop()) {
            Task<String> task = loop.spawn(() -> {
                Weft.sleep(Duration.ofMillis(5));
                return "from the loop";
            });
            assertThat(task.get()).isEqualTo("from the loop");
            task.join();
            assertThat(task.isDone()).isTrue();
        }
    }

    @Test
    void aTaskOfOneLoopWaitsForATaskOfAnother() {
        try (var other = new Loop()) {
            String value = Weft.run(() -> {
                Task<String> remote = other.spawn(() -> {
                    Weft.sleep(Duration.ofMillis(5));
                    return "remote";
                });
                return remote.result();
            });
            assertThat(value).isEqualTo("remote");
        }
    }

    @Test
    void joiningATaskOfAClosedLoopReturnsAtOnceWithItsOutcome() {
        var loop = new Loop();
        Task<Void> sleeper = loop.spawn(() -> Weft.sleep(Duration.ofHours(1)));
        loop.close();
        Weft.run(() -> {
            sleeper.join();
            assertThat(sleeper.state()).isEqualTo(Future.State.CANCELLED);
        });
    }

    @Test
    void getWithATimeoutThrowsTimeoutException() {
        Weft.run(() -> {
            Task<Void> slow = Weft.spawn(() -> Weft.sleep(Duration.ofHours(1)));
            assertThatThrownBy(() -> slow.get(1, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
            slow.cancel();
        });
    }

    @Test
    void doneCallbacksRunOnTheLoopInRegistrationOrderEvenWhenAddedLate() {
        var events = new ArrayList<String>();
        try (var loop = new Loop(LoopOptions.defaults().withName("callbacks"))) {
            loop.run(() -> {
                Task<Integer> task = Weft.spawn(() -> 5);
                task.onDone(t -> events.add("first " + t.resultNow()));
                task.onDone(t -> events.add("second on " + Thread.currentThread().getName()));
                task.join();
                var late = new CountDownLatch(1);
                task.onDone(t -> {
                    events.add("late");
                    late.countDown();
                });
                late.await();
                return null;
            });
        }
        assertThat(events).containsExactly("first 5", "second on callbacks", "late");
    }

    @Test
    void aFailingDoneCallbackIsReportedWithTheTaskName() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                Task<Integer> task = Weft.spawn("reporter", () -> 1);
                var ran = new CountDownLatch(1);
                task.onDone(t -> {
                    ran.countDown();
                    throw new IllegalStateException("callback broke");
                });
                ran.await();
                Weft.yieldNow();
                return null;
            });
        }
        assertThat(problems.messages()).contains("a done-callback of Task[reporter DONE] failed");
    }

    @Test
    void toCompletableFutureCompletesWithTheOutcome() throws Exception {
        try (var loop = new Loop()) {
            Task<String> ok = loop.spawn(() -> "ok");
            Task<String> bad = loop.spawn(() -> {
                throw new IllegalStateException("bad");
            });
            assertThat(ok.toCompletableFuture().get()).isEqualTo("ok");
            assertThatThrownBy(() -> bad.toCompletableFuture().join())
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverRunsItsBody() {
        var ran = new ArrayList<String>();
        Weft.run(() -> {
            Task<Boolean> task = Weft.spawn(() -> ran.add("body"));
            assertThat(task.cancel()).isTrue();
            task.join();
            assertThat(task.state()).isEqualTo(Future.State.CANCELLED);
            assertThatThrownBy(task::result).isInstanceOf(CancellationException.class);
        });
        assertThat(ran).isEmpty();
    }

    @Test
    void cancellingAFinishedTaskReturnsFalse() {
        Weft.run(() -> {
            Task<Integer> task = Weft.spawn(() -> 1);
            task.join();
            assertThat(task.cancel()).isFalse();
            assertThat(task.state()).isEqualTo(Future.State.SUCCESS);
        });
    }

    @Test
    void cancelDuringWeftSleepThrowsCancellationAndRunsFinally() {
        var events = new ArrayList<String>();
        Weft.run(() -> {
            Task<Void> sleeper = Weft.spawn(() -> {
                try {
                    Weft.sleep(Duration.ofHours(1));
                    events.add("woke up");
                } catch (CancellationException e) {
                    events.add("cancelled");
                    throw e;
                } finally {
                    events.add("finally");
                }
            });
            Weft.yieldNow();
            sleeper.cancel();
            sleeper.join();
            assertThat(sleeper.state()).isEqualTo(Future.State.CANCELLED);
        });
        assertThat(events).containsExactly("cancelled", "finally");
    }

    @Test
    void cancelDuringThreadSleepEndsTheSleep() {
        Weft.run(() -> {
            Task<Void> sleeper = Weft.spawn(() -> Thread.sleep(Duration.ofHours(1)));
            Weft.yieldNow();
            sleeper.cancel();
            sleeper.join();
            assertThat(sleeper.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(failureOf(sleeper)).hasRootCauseInstanceOf(InterruptedException.class);
        });
    }

    @Test
    void cancelDuringASocketReadEndsTheRead() throws Exception {
        try (var server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofPlatform().start(() -> {
                try (Socket peer = server.accept()) {
                    peer.getOutputStream().write(1);   // one byte, then silence
                    peer.getInputStream().read();      // until the reader's side closes
                } catch (IOException expected) {
                    // The reader's socket is closed by the cancel; the peer may see a reset.
                }
            });
            var events = new ArrayList<String>();
            Weft.run(() -> {
                var firstByteRead = new CountDownLatch(1);
                Task<Void> reader = Weft.spawn(() -> {
                    try (var socket = new Socket(server.getInetAddress(), server.getLocalPort())) {
                        InputStream in = socket.getInputStream();
                        in.read();
                        firstByteRead.countDown();
                        in.read();                     // blocks: nothing more will come
                        events.add("read returned");
                    } finally {
                        events.add("socket closed");
                    }
                });
                firstByteRead.await();   // the reader now parks in its second read
                reader.cancel();
                reader.join();
                assertThat(reader.state()).isEqualTo(Future.State.CANCELLED);
            });
            acceptor.join();
            assertThat(events).containsExactly("socket closed");
        }
    }

    @Test
    void cancelDuringALockWaitEndsTheWait() {
        Weft.run(() -> {
            var lock = new ReentrantLock();
            lock.lock();
            try {
                Task<Void> waiter = Weft.spawn(() -> {
                    lock.lockInterruptibly();
                    lock.unlock();
                });
                Weft.yieldNow();   // the waiter parks on the lock
                waiter.cancel();
                waiter.join();
                assertThat(waiter.state()).isEqualTo(Future.State.CANCELLED);
                assertThat(lock.hasQueuedThreads()).isFalse();
            } finally {
                lock.unlock();
            }
        });
    }

    @Test
    void cancelDuringAConditionAwaitEndsTheWait() {
        Weft.run(() -> {
            var lock = new ReentrantLock();
            var never = lock.newCondition();
            Task<Void> waiter = Weft.spawn(() -> {
                lock.lock();
                try {
                    never.await();
                } finally {
                    lock.unlock();
                }
            });
            Weft.yieldNow();
            waiter.cancel();
            waiter.join();
            assertThat(waiter.state()).isEqualTo(Future.State.CANCELLED);
        });
    }

    @Test
    void aTaskThatSwallowsTheCancelEndsWithItsValue() {
        Weft.run(() -> {
            Task<String> stubborn = Weft.spawn(() -> {
                try {
                    Weft.sleep(Duration.ofHours(1));
                    return "slept";
                } catch (CancellationException e) {
                    return "ignored the cancel";
                }
            });
            Weft.yieldNow();
            stubborn.cancel();
            assertThat(stubborn.result()).isEqualTo("ignored the cancel");
            assertThat(stubborn.isCancelRequested()).isTrue();
        });
    }

    @Test
    void cancelFromAnotherThreadReachesTheTask() throws Exception {
        try (var loop = new Loop()) {
            var started = new CountDownLatch(1);
            Task<Void> sleeper = loop.spawn(() -> {
                started.countDown();
                Weft.sleep(Duration.ofHours(1));
            });
            started.await();
            sleeper.cancel();
            sleeper.join();
            assertThat(sleeper.state()).isEqualTo(Future.State.CANCELLED);
        }
    }

    @Test
    void aCancelledWaiterStopsWaitingButTheAwaitedTaskGoesOn() {
        Weft.run(() -> {
            Task<String> slow = Weft.spawn(() -> {
                Weft.sleep(Duration.ofMillis(20));
                return "done";
            });
            Task<String> waiter = Weft.spawn(() -> slow.result());
            Weft.yieldNow();
            waiter.cancel();
            waiter.join();
            assertThat(waiter.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(slow.result()).isEqualTo("done");
        });
    }

    @Test
    void namesAndToStringShowState() {
        Weft.run(() -> {
            Task<Integer> named = Weft.spawn("fetch-3", () -> 1);
            Task<Integer> unnamed = Weft.spawn(() -> 2);
            assertThat(named.toString()).isEqualTo("Task[fetch-3 PENDING]");
            assertThat(unnamed.name()).startsWith("task-");
            Weft.joinAll(List.of(named, unnamed));
            assertThat(named.toString()).isEqualTo("Task[fetch-3 DONE]");
        });
    }

    @Test
    void taskCurrentOutsideATaskIsAClearError() {
        assertThatThrownBy(Task::current)
                .isInstanceOf(WrongThreadException.class)
                .hasMessage("Task.current() must be called from a task; start one with "
                        + "Weft.run(...) or Loop.spawn(...)");
    }

    @Test
    void exceptionOfAnUnfinishedTaskIsAClearError() {
        Weft.run(() -> {
            Task<Void> slow = Weft.spawn(() -> Weft.sleep(Duration.ofHours(1)));
            assertThatThrownBy(slow::exceptionNow)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageEndingWith("has not finished; join() it first");
            slow.cancel();
        });
    }

    @Test
    void anInterruptedPlainThreadWaitingInGetGetsInterruptedException() throws Exception {
        try (var loop = new Loop()) {
            Task<Void> forever = loop.spawn(() -> Weft.sleep(Duration.ofHours(1)));
            var outcome = new java.util.concurrent.atomic.AtomicReference<Throwable>();
            Thread waiter = Thread.ofPlatform().start(() -> {
                Thread.currentThread().interrupt();
                try {
                    forever.get();
                } catch (InterruptedException | ExecutionException e) {
                    outcome.set(e);
                }
            });
            waiter.join();
            assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
            forever.cancel();
        }
    }

    @Test
    void aFailingCommandGivenToTheLoopAsExecutorIsReportedAtOnce() throws Exception {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.execute(() -> {
                throw new IllegalStateException("command failed");
            });
            loop.run(() -> {
                Weft.yieldNow();   // the command has run by now: it was queued first
                return null;
            });
            assertThat(problems.reported()).singleElement()
                    .satisfies(p -> assertThat(p.error()).hasMessage("command failed"));
        }
        assertThat(problems.reported()).hasSize(1);
    }

    @Test
    void aPlainInterruptOfATaskThreadCancelsTheTask() {
        Weft.run(() -> {
            Task<Void> sleeper = Weft.spawn(() -> Weft.sleep(Duration.ofHours(1)));
            Task<Void> waiter = Weft.spawn(() -> sleeper.join());
            Weft.yieldNow();
            sleeper.core.thread().interrupt();   // not Weft's cancel: someone else's interrupt
            waiter.core.thread().interrupt();
            Weft.joinAll(List.of(sleeper, waiter));
            assertThat(sleeper.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(waiter.state()).isEqualTo(Future.State.CANCELLED);
        });
    }

    @Test
    void aPlainInterruptInsideAShieldWaitsForTheShield() {
        var events = new ArrayList<String>();
        dev.weft.test.VirtualClock.run(() -> {
            Task<Void> task = Weft.spawn(() -> {
                Weft.shield(() -> {
                    Weft.sleep(Duration.ofSeconds(1));
                    events.add("shielded sleep completed");
                    return null;
                });
                Weft.sleep(Duration.ofSeconds(1));
                events.add("unreachable");
            });
            Weft.yieldNow();
            task.core.thread().interrupt();
            task.join();
            assertThat(task.state()).isEqualTo(Future.State.CANCELLED);
            return null;
        });
        assertThat(events).containsExactly("shielded sleep completed");
    }

    @Test
    void pollingATaskWithTimeoutsDoesNotPileUpWaiters() {
        Weft.run(() -> {
            Task<Void> longRunning = Weft.spawn(() -> Weft.sleep(Duration.ofHours(1)));
            for (int i = 0; i < 1_000; i++) {
                assertThat(Weft.joinAll(List.of(longRunning), Duration.ZERO)).isFalse();
                assertThat(Weft.waitTasks(List.of(longRunning), WaitMode.ALL_COMPLETED,
                        Duration.ZERO).pending()).containsExactly(longRunning);
            }
            assertThat(longRunning.core.waitersForTest()).isLessThanOrEqualTo(2);
            longRunning.cancel();
        });
    }
}
