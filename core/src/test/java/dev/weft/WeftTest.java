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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.test.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class WeftTest {

    private static Task<String> after(int millis, String value) {
        return Weft.spawn(value, () -> {
            Weft.sleep(Duration.ofMillis(millis));
            return value;
        });
    }

    @Test
    void yieldNowLetsTheOtherReadyTasksRunFirst() {
        var events = new ArrayList<String>();
        Weft.run(() -> {
            var tasks = new ArrayList<Task<Void>>();
            for (String name : List.of("a", "b")) {
                tasks.add(Weft.spawn(() -> {
                    events.add(name + "1");
                    Weft.yieldNow();
                    events.add(name + "2");
                }));
            }
            Weft.joinAll(tasks);
        });
        assertThat(events).containsExactly("a1", "b1", "a2", "b2");
    }

    @Test
    void sleepersWakeInDeadlineOrder() {
        var events = new ArrayList<String>();
        VirtualClock.run(() -> {
            var tasks = new ArrayList<Task<Boolean>>();
            for (int delay : List.of(30, 10, 20)) {
                tasks.add(Weft.spawn(() -> {
                    Weft.sleep(Duration.ofMillis(delay));
                    return events.add("woke after " + delay);
                }));
            }
            Weft.joinAll(tasks);
            return null;
        });
        assertThat(events).containsExactly("woke after 10", "woke after 20", "woke after 30");
    }

    @Test
    void joinAllWaitsForEveryTaskAndIgnoresFailures() {
        VirtualClock.run(() -> {
            Task<String> slow = after(30, "slow");
            Task<Void> failing = Weft.spawn(() -> {
                throw new IllegalStateException("ignored by joinAll");
            });
            Weft.joinAll(List.of(slow, failing));
            assertThat(slow.isDone()).isTrue();
            assertThat(failing.state()).isEqualTo(Future.State.FAILED);
            failureOf(failing);
            return null;
        });
    }

    @Test
    void joinAllWithATimeoutReportsWhetherAllFinished() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            Task<String> quick = after(10, "quick");
            Task<String> slow = after(1000, "slow");
            assertThat(Weft.joinAll(List.of(quick, slow), Duration.ofMillis(100))).isFalse();
            assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(100));
            assertThat(quick.isDone()).isTrue();
            assertThat(slow.isDone()).isFalse();
            slow.cancel();
            return null;
        });
    }

    @Test
    void gatherReturnsValuesInTheOrderGiven() {
        List<String> values = VirtualClock.run(() ->
                Weft.gather(List.of(after(30, "a"), after(10, "b"), after(20, "c"))));
        assertThat(values).containsExactly("a", "b", "c");
    }

    @Test
    void gatherThrowsTheFirstFailureAndCancelsTheRest() {
        VirtualClock.run(() -> {
            Task<String> slow = after(1000, "slow");
            Task<String> failing = Weft.spawn(() -> {
                Weft.sleep(Duration.ofMillis(10));
                throw new IllegalStateException("first failure");
            });
            assertThatThrownBy(() -> Weft.gather(List.of(slow, failing)))
                    .isInstanceOf(IllegalStateException.class).hasMessage("first failure");
            slow.join();
            assertThat(slow.state()).isEqualTo(Future.State.CANCELLED);
            return null;
        });
    }

    @Test
    void cancellingAGatheringTaskCancelsWhatItGathers() {
        VirtualClock.run(() -> {
            Task<String> child = after(1000, "child");
            Task<List<String>> gatherer = Weft.spawn(() -> Weft.gather(List.of(child)));
            Weft.yieldNow();
            gatherer.cancel();
            gatherer.join();
            child.join();
            assertThat(gatherer.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(child.state()).isEqualTo(Future.State.CANCELLED);
            return null;
        });
    }

    @Test
    void waitTasksAllCompletedWaitsForEveryTask() {
        VirtualClock.run(() -> {
            List<Task<String>> tasks = List.of(after(10, "a"), after(20, "b"));
            WaitResult<Task<String>> result = Weft.waitTasks(tasks, WaitMode.ALL_COMPLETED);
            assertThat(result.done()).containsExactlyElementsOf(tasks);
            assertThat(result.pending()).isEmpty();
            return null;
        });
    }

    @Test
    void waitTasksFirstCompletedReturnsAfterTheFirst() {
        VirtualClock.run(() -> {
            Task<String> slow = after(30, "slow");
            Task<String> quick = after(10, "quick");
            WaitResult<Task<String>> result = Weft.waitTasks(List.of(slow, quick),
                    WaitMode.FIRST_COMPLETED);
            assertThat(result.done()).containsExactly(quick);
            assertThat(result.pending()).containsExactly(slow);
            slow.cancel();
            return null;
        });
    }

    @Test
    void waitTasksFirstExceptionReturnsAtTheFirstFailure() {
        VirtualClock.run(() -> {
            Task<String> slow = after(1000, "slow");
            Task<String> quick = after(10, "quick");
            Task<String> failing = Weft.spawn(() -> {
                Weft.sleep(Duration.ofMillis(20));
                throw new IllegalStateException("failed");
            });
            WaitResult<Task<String>> result = Weft.waitTasks(List.of(slow, quick, failing),
                    WaitMode.FIRST_EXCEPTION);
            assertThat(result.done()).containsExactly(quick, failing);
            assertThat(result.pending()).containsExactly(slow);
            failureOf(failing);
            slow.cancel();
            return null;
        });
    }

    @Test
    void waitTasksWithATimeoutReturnsWhatFinishedInTime() {
        VirtualClock.run(() -> {
            Task<String> slow = after(1000, "slow");
            WaitResult<Task<String>> result = Weft.waitTasks(List.of(slow), WaitMode.ALL_COMPLETED,
                    Duration.ofMillis(50));
            assertThat(result.done()).isEmpty();
            assertThat(result.pending()).containsExactly(slow);
            slow.cancel();
            return null;
        });
    }

    @Test
    void waitingHelpersTakeTasksOfMixedResultTypes() {
        Weft.run(() -> {
            List<Task<?>> mixed = List.of(Weft.spawn(() -> "text"), Weft.spawn(() -> 42));
            WaitResult<Task<?>> result = Weft.waitTasks(mixed, WaitMode.ALL_COMPLETED);
            var finished = new ArrayList<Object>();
            for (Task<?> task : Weft.asCompleted(java.util.Set.copyOf(mixed))) {
                finished.add(task.result());
            }
            Weft.joinAll(new java.util.HashSet<>(mixed));
            assertThat(result.done()).hasSize(2);
            assertThat(finished).containsExactlyInAnyOrder("text", 42);
            assertThat(Weft.gather(mixed)).containsExactly("text", 42);
            return null;
        });
    }

    @Test
    void asCompletedYieldsTasksInFinishingOrder() {
        var order = new ArrayList<String>();
        VirtualClock.run(() -> {
            for (Task<String> task : Weft.asCompleted(
                    List.of(after(30, "c"), after(10, "a"), after(20, "b")))) {
                order.add(task.result());
            }
            return null;
        });
        assertThat(order).containsExactly("a", "b", "c");
    }

    @Test
    void spawnLaterStartsTheTaskAfterTheDelay() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            Task<Duration> later = Weft.spawnLater(Duration.ofMinutes(5), clock::elapsed);
            assertThat(later.toString()).contains("PENDING");
            assertThat(later.result()).isEqualTo(Duration.ofMinutes(5));
            return null;
        });
    }

    @Test
    void aDelayedTaskCancelledBeforeItsStartEndsAtOnce() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            Task<String> later = Weft.spawnLater(Duration.ofHours(1), () -> "never");
            later.cancel();
            later.join();
            assertThat(later.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(clock.elapsed()).isEqualTo(Duration.ZERO);
            return null;
        });
    }

    @Test
    void aWaitForItselfIsAClearError() {
        Weft.run(() -> {
            assertThatThrownBy(() -> Weft.joinAll(List.of(Weft.current())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("task \"main\" cannot wait for itself: it would wait forever");
        });
    }

    @Test
    void taskOnlyCallsFromAPlainThreadSayWhatToDo() {
        assertThatThrownBy(() -> Weft.sleep(Duration.ofSeconds(1)))
                .isInstanceOf(WrongThreadException.class)
                .hasMessage("Weft.sleep must be called from a task; start one with Weft.run(...)");
        assertThatThrownBy(() -> Weft.spawn(() -> 1))
                .isInstanceOf(WrongThreadException.class)
                .hasMessage("Weft.spawn must be called from a task; start one with Weft.run(...)");
        assertThatThrownBy(Weft::yieldNow).isInstanceOf(WrongThreadException.class);
        assertThat(Weft.inTask()).isFalse();
    }

    @Test
    void negativeDurationsAreRejectedWithTheValue() {
        Weft.run(() -> {
            assertThatThrownBy(() -> Weft.sleep(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("duration must not be negative: PT-1S");
            assertThatThrownBy(() -> Weft.timeout(Duration.ofMillis(-5), () -> 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timeout must not be negative: PT-0.005S");
            assertThatThrownBy(() -> Weft.joinAll(List.of(), Duration.ofSeconds(-2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timeout must not be negative: PT-2S");
        });
    }

    @Test
    void aCancelledTaskStopsAtItsNextYield() {
        Weft.run(() -> {
            Task<Void> spinner = Weft.spawn(() -> {
                while (true) {
                    Weft.yieldNow();
                }
            });
            Weft.yieldNow();
            spinner.cancel();
            spinner.join();
            assertThat(spinner.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(failureOf(spinner)).isInstanceOf(CancellationException.class);
        });
    }

    @Test
    void emptyTaskListsNeedNoWaiting() {
        Weft.run(() -> {
            assertThat(Weft.gather(List.<Task<String>>of())).isEmpty();
            Weft.joinAll(List.of());
            assertThat(Weft.joinAll(List.of(), Duration.ofSeconds(1))).isTrue();
            WaitResult<Task<String>> result = Weft.waitTasks(List.of(), WaitMode.FIRST_COMPLETED);
            assertThat(result.done()).isEmpty();
            assertThat(result.pending()).isEmpty();
            assertThat(Weft.asCompleted(List.<Task<String>>of())).isEmpty();
        });
    }
}
