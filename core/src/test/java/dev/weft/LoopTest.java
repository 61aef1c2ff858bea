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
import static dev.weft.Outcomes.failureOf;
import dev.weft.test.RecordingHandler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoopTest {

    @Test
    void runReturnsTheValueOfMain() {
        try (var loop = new Loop()) {
            assertThat(loop.run(() -> 6 * 7)).isEqualTo(42);
        }
    }

    @Test
    void runRethrowsAnUncheckedFailureOfMainAsItIs() {
        try (var loop = new Loop()) {
            assertThatThrownBy(() -> loop.run(() -> {
                throw new IllegalArgumentException("bad input");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad input");
        }
    }

    @Test
    void aLoopCanRunSeveralMainsInTurn() {
        try (var loop = new Loop()) {
            assertThat(loop.run(() -> 1)).isEqualTo(1);
            assertThat(loop.run(() -> 2)).isEqualTo(2);
        }
    }

    @Test
    void everyTaskRunsOnTheLoopsOneCarrierThread() {
        var carriers = new ArrayList<String>();
        try (var loop = new Loop(LoopOptions.defaults().withName("single"))) {
            loop.run(() -> {
                var tasks = new ArrayList<Task<Void>>();
                for (int i = 0; i < 5; i++) {
                    tasks.add(Weft.spawn(() -> {
                        carriers.add(carrierOf(Thread.currentThread()));
                        Weft.sleep(Duration.ofMillis(1));
                        carriers.add(carrierOf(Thread.currentThread()));
                    }));
                }
                Weft.joinAll(tasks);
                return null;
            });
        }
        assertThat(carriers).hasSize(10).containsOnly("single");
    }

    static String carrierOf(Thread virtualThread) {
        // A mounted virtual thread prints as "VirtualThread[#n]/runnable@<carrier name>".
        String text = virtualThread.toString();
        return text.substring(text.lastIndexOf('@') + 1);
    }

    @Test
    void spawnFromAnotherThreadRunsTheTaskOnTheLoop() throws Exception {
        try (var loop = new Loop(LoopOptions.defaults().withName("target"))) {
            var result = new CompletableFuture<Task<String>>();
            Thread outside = Thread.ofPlatform().start(() ->
                    result.complete(loop.spawn(() -> carrierOf(Thread.currentThread()))));
            outside.join();
            assertThat(result.get().result()).isEqualTo("target");
        }
    }

    @Test
    void manyThreadsSpawnConcurrentlyAndNoTaskIsLost() throws Exception {
        try (var loop = new Loop()) {
            int threads = 4;
            int perThread = 2_000;
            var tasks = new java.util.concurrent.ConcurrentLinkedQueue<Task<Integer>>();
            var start = new CountDownLatch(1);
            var spawners = new ArrayList<Thread>();
            for (int t = 0; t < threads; t++) {
                spawners.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    for (int i = 0; i < perThread; i++) {
                        tasks.add(loop.spawn(() -> 1));
                    }
                }));
            }
            start.countDown();
            for (Thread spawner : spawners) {
                spawner.join();
            }
            int sum = 0;
            for (Task<Integer> task : tasks) {
                sum += task.result();
            }
            assertThat(sum).isEqualTo(threads * perThread);
            assertThat(loop.stats().tasksSpawned()).isEqualTo(threads * perThread);
        }
    }

    @Test
    void oneLoopRunsAHundredThousandTasks() {
        int count = 100_000;
        long sum = Weft.run(() -> {
            var tasks = new ArrayList<Task<Integer>>(count);
            for (int i = 0; i < count; i++) {
                int value = i;
                tasks.add(Weft.spawn(() -> {
                    Weft.yieldNow();
                    return value;
                }));
            }
            long total = 0;
            for (Task<Integer> task : tasks) {
                total += task.result();
            }
            return total;
        });
        assertThat(sum).isEqualTo((long) count * (count - 1) / 2);
    }

    @Test
    void theLoopServesAsAnExecutor() throws Exception {
        try (var loop = new Loop(LoopOptions.defaults().withName("exec"))) {
            String carrier = CompletableFuture
                    .supplyAsync(() -> carrierOf(Thread.currentThread()), loop).get();
            assertThat(carrier).isEqualTo("exec");
        }
    }

    @Test
    void timerCallbacksRunInDeadlineOrderOnTheLoopThread() {
        var events = new ArrayList<String>();
        var clock = new dev.weft.test.VirtualClock();
        var options = LoopOptions.defaults().withName("timers").withClock(clock);
        try (var loop = new Loop(options)) {
            loop.run(() -> {
                long base = loop.nanoTime();
                loop.callAt(base + 30, () -> events.add("c:" + Thread.currentThread().getName()));
                loop.callAt(base + 10, () -> events.add("a:" + Thread.currentThread().getName()));
                loop.callLater(Duration.ofNanos(20),
                        () -> events.add("b:" + Thread.currentThread().getName()));
                Weft.sleep(Duration.ofSeconds(1));
                return null;
            });
        }
        assertThat(events).containsExactly("a:timers", "b:timers", "c:timers");
    }

    @Test
    void aCancelledTimerNeverRuns() {
        var ran = new ArrayList<String>();
        Weft.run(() -> {
            Timer timer = Loop.current().callLater(Duration.ofMillis(5), () -> ran.add("timer"));
            assertThat(timer.cancel()).isTrue();
            Weft.sleep(Duration.ofMillis(20));
            assertThat(timer.isCancelled()).isTrue();
        });
        assertThat(ran).isEmpty();
    }

    @Test
    void statsCountTasks() {
        try (var loop = new Loop()) {
            loop.run(() -> {
                Weft.joinAll(List.of(Weft.spawn(() -> 1), Weft.spawn(() -> 2)));
                LoopStats stats = Loop.current().stats();
                assertThat(stats.tasksSpawned()).isEqualTo(3);
                assertThat(stats.tasksAlive()).isEqualTo(1);
                return null;
            });
            assertThat(loop.stats().tasksAlive()).isZero();
        }
    }

    @Test
    void spawningOnAClosedLoopIsRejectedWithAMessageSayingWhatToDo() {
        var loop = new Loop(LoopOptions.defaults().withName("gone"));
        loop.close();
        assertThatThrownBy(() -> loop.spawn(() -> 1))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessage("loop \"gone\" is closed; spawn before close() or create a new Loop");
        assertThatThrownBy(() -> loop.run(() -> 1))
                .isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void runningALoopInsideItsOwnThreadIsAClearError() {
        try (var loop = new Loop(LoopOptions.defaults().withName("self"))) {
            var error = new AtomicReference<Throwable>();
            loop.run(() -> {
                try {
                    loop.run(() -> 1);
                } catch (IllegalStateException e) {
                    error.set(e);
                }
                return null;
            });
            assertThat(error.get()).hasMessage("loop \"self\" cannot run inside its own thread: it "
                    + "would wait for itself; spawn the work and join the task instead");
        }
    }

    @Test
    void closingALoopFromItsOwnTaskIsAClearError() {
        try (var loop = new Loop(LoopOptions.defaults().withName("own"))) {
            Throwable error = loop.run(() -> {
                try {
                    loop.close();
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            });
            assertThat(error).hasMessageContaining("cannot be closed from its own thread");
        }
    }

    @Test
    void closeCancelsTasksStillAliveAndWaitsForTheirCleanup() throws Exception {
        var events = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var started = new CountDownLatch(1);
        var loop = new Loop();
        Task<Void> sleeper = loop.spawn(() -> {
            try {
                started.countDown();
                Weft.sleep(Duration.ofHours(1));
            } finally {
                events.add("cleanup");
            }
        });
        started.await();
        loop.close();
        assertThat(events).containsExactly("cleanup");
        assertThat(sleeper.state()).isEqualTo(Future.State.CANCELLED);
    }

    @Test
    void runCancelsTasksStillRunningWhenMainEndsAndReportsThem() {
        var problems = new RecordingHandler();
        var events = new ArrayList<String>();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                Weft.spawn("straggler", () -> {
                    try {
                        Weft.sleep(Duration.ofHours(1));
                    } finally {
                        events.add("straggler cleaned up");
                    }
                });
                Weft.yieldNow();
                return null;
            });
            events.add("run returned");
        }
        assertThat(events).containsExactly("straggler cleaned up", "run returned");
        assertThat(problems.messages()).singleElement().asString()
                .contains("1 other task(s) were still running")
                .contains("Task[straggler CANCELLED]");
    }

    @Test
    void aFailureNobodyObservedIsReportedWhenTheLoopCloses() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                Task<Void> failing = Weft.spawn("careless", () -> {
                    throw new IllegalStateException("boom");
                });
                failing.join();
                return null;
            });
            assertThat(problems.reported()).isEmpty();
        }
        assertThat(problems.reported()).singleElement().satisfies(problem -> {
            assertThat(problem.message()).startsWith("Task[careless FAILED] failed and nobody "
                    + "observed its failure");
            assertThat(problem.error()).hasMessage("boom");
        });
    }

    @Test
    void anObservedFailureIsNotReported() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                Task<Void> failing = Weft.spawn(() -> {
                    throw new IllegalStateException("seen");
                });
                failing.join();
                assertThat(failureOf(failing)).hasMessage("seen");
                return null;
            });
        }
        assertThat(problems.reported()).isEmpty();
    }

    @Test
    void aFailingTimerCallbackIsReportedAndTheLoopGoesOn() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            int value = loop.run(() -> {
                Loop.current().callLater(Duration.ZERO, () -> {
                    throw new IllegalStateException("timer broke");
                });
                Weft.sleep(Duration.ofMillis(5));
                return 7;
            });
            assertThat(value).isEqualTo(7);
        }
        assertThat(problems.reported()).singleElement()
                .satisfies(p -> assertThat(p.error()).hasMessage("timer broke"));
    }

    @Test
    void loopCurrentOutsideATaskIsAClearError() {
        assertThatThrownBy(Loop::current)
                .isInstanceOf(WrongThreadException.class)
                .hasMessageContaining("must be called from a task");
    }

    @Test
    void nullArgumentsAreNamed() {
        try (var loop = new Loop()) {
            assertThatThrownBy(() -> loop.spawn((java.util.concurrent.Callable<Object>) null))
                    .isInstanceOf(NullPointerException.class).hasMessage("body");
            assertThatThrownBy(() -> loop.run(null))
                    .isInstanceOf(NullPointerException.class).hasMessage("main");
            assertThatThrownBy(() -> loop.callLater(Duration.ofSeconds(-1), () -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("delay must not be negative: PT-1S");
        }
    }

    @Test
    void aVirtualThreadCreatedInATaskKeepsRunningAfterTheLoopCloses() throws Exception {
        var release = new CountDownLatch(1);
        var child = new AtomicReference<Thread>();
        var finished = new java.util.concurrent.atomic.AtomicBoolean();
        var loop = new Loop();
        loop.run(() -> {
            // Not a Weft task: a plain virtual thread, which inherits the loop as scheduler.
            child.set(Thread.ofVirtual().start(() -> {
                try {
                    release.await();
                    finished.set(true);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            return null;
        });
        loop.close();
        release.countDown();   // its continuation now arrives at a closed loop
        child.get().join();
        assertThat(finished).isTrue();
    }

    @Test
    void tasksOfOneLoopWakeEachOtherWithoutSignallingTheCarrier() {
        try (var loop = new Loop()) {
            long signals = loop.run(() -> {
                var ping = new java.util.concurrent.ArrayBlockingQueue<Integer>(1);
                var pong = new java.util.concurrent.ArrayBlockingQueue<Integer>(1);
                long before = Loop.current().stats().remoteSubmissions();
                Task<Void> echo = Weft.spawn(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        pong.put(ping.take());
                    }
                });
                for (int i = 0; i < 10_000; i++) {
                    ping.put(i);
                    pong.take();
                }
                echo.join();
                return Loop.current().stats().remoteSubmissions() - before;
            });
            assertThat(signals).isZero();
        }
    }

    @Test
    void aSecondConcurrentRunOfOneLoopIsAClearError() throws Exception {
        try (var loop = new Loop(LoopOptions.defaults().withName("busy"))) {
            var inside = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            Thread first = Thread.ofPlatform().start(() -> loop.run(() -> {
                inside.countDown();
                release.await();
                return null;
            }));
            inside.await();
            try {
                assertThatThrownBy(() -> loop.run(() -> 1))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("loop \"busy\" is already running a main task");
            } finally {
                release.countDown();
                first.join();
            }
        }
    }

    @Test
    void timersAndDelayedTasksCanBeArrangedAndWithdrawnFromAnotherThread() throws Exception {
        var ran = new java.util.concurrent.CopyOnWriteArrayList<String>();
        try (var loop = new Loop()) {
            Timer withdrawn = loop.callLater(Duration.ofHours(1), () -> ran.add("withdrawn"));
            var fired = new CountDownLatch(1);
            loop.callLater(Duration.ZERO, () -> {
                ran.add("fired on " + Thread.currentThread().getName());
                fired.countDown();
            });
            Task<String> later = loop.spawnLater(Duration.ofMillis(1), () -> "later");
            fired.await();
            assertThat(withdrawn.cancel()).isTrue();
            assertThat(later.result()).isEqualTo("later");
            assertThat(ran).containsExactly("fired on " + loop.name());
        }
    }

    @Test
    void loopCurrentInsideATimerCallbackIsThatLoop() throws Exception {
        try (var loop = new Loop()) {
            var seen = new CompletableFuture<Loop>();
            loop.callLater(Duration.ZERO, () -> seen.complete(Loop.current()));
            assertThat(seen.get()).isSameAs(loop);
        }
    }

    @Test
    void weftRunTakesABodyWithoutAValue() {
        var ran = new ArrayList<String>();
        Weft.run(() -> {
            Weft.sleep(Duration.ofMillis(1));
            ran.add("ran");
        });
        assertThat(ran).containsExactly("ran");
    }

    @Test
    void aCallbackRegisteredAfterTheLoopClosedStillRuns() throws Exception {
        var loop = new Loop();
        Task<Integer> task = loop.spawn(() -> 1);
        task.join();
        loop.close();
        var ran = new CompletableFuture<String>();
        task.onDone(t -> ran.complete("ran with " + t.resultNow()));
        assertThat(ran.get()).isEqualTo("ran with 1");
    }
}
