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

package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Task;
import dev.weft.Weft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void anHourOfSleepPassesInstantlyAndExactly() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            Weft.sleep(Duration.ofHours(1));
            return null;
        });
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aOneHourTimeoutFiresAtExactlyOneHour() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            assertThatThrownBy(() -> Weft.timeout(Duration.ofHours(1), () -> {
                Weft.sleep(Duration.ofDays(1));
                return null;
            })).isInstanceOf(TimeoutException.class);
            return null;
        });
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theClockKeepsTheOrderOfEventsOfRealTime() {
        var clock = new VirtualClock();
        var events = new ArrayList<String>();
        VirtualClock.run(clock, () -> {
            List<Task<Void>> tasks = List.of(
                    Weft.spawn(() -> {
                        Weft.sleep(Duration.ofMinutes(30));
                        events.add("b at " + clock.elapsed());
                    }),
                    Weft.spawn(() -> {
                        Weft.sleep(Duration.ofMinutes(10));
                        events.add("a at " + clock.elapsed());
                        Weft.sleep(Duration.ofMinutes(30));
                        events.add("c at " + clock.elapsed());
                    }));
            Weft.joinAll(tasks);
            return null;
        });
        assertThat(events).containsExactly("a at PT10M", "b at PT30M", "c at PT40M");
    }

    @Test
    void theClockStandsStillWhileATaskRuns() {
        var clock = new VirtualClock();
        Duration seen = VirtualClock.run(clock, () -> {
            long spin = 0;
            for (int i = 0; i < 1_000_000; i++) {
                spin += i;
            }
            return spin > 0 ? clock.elapsed() : null;
        });
        assertThat(seen).isEqualTo(Duration.ZERO);
    }

    @Test
    void advanceMovesTheClockByHand() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            clock.advance(Duration.ofSeconds(3));
            return null;
        });
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration must not be negative: PT-1S");
    }

    @Test
    void theClockWaitsForATaskBlockedOutsideWeft() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            Task<Void> sleeper = Weft.spawn(() -> Weft.sleep(Duration.ofHours(1)));
            Thread.sleep(5);   // a JDK wait: the virtual clock must not jump meanwhile
            assertThat(clock.elapsed()).isEqualTo(Duration.ZERO);
            sleeper.join();
            return null;
        });
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theClockWaitsForATaskOfAnotherLoop() {
        var clock = new VirtualClock();
        try (var other = new dev.weft.Loop()) {
            VirtualClock.run(clock, () -> {
                Task<String> remote = other.spawn(() -> "remote");
                Task<Void> sleeper = Weft.spawn(() -> Weft.sleep(Duration.ofHours(1)));
                assertThat(remote.result()).isEqualTo("remote");   // a cross-loop wait
                assertThat(clock.elapsed()).isEqualTo(Duration.ZERO);
                sleeper.cancel();
                return null;
            });
        }
    }

    @Test
    void aQueueMadeBeforeTheLoopRunsAndUsedOnlyByItsTasksLetsTheClockJump() {
        var clock = new VirtualClock();
        var queue = new dev.weft.queue.FifoQueue<String>();   // on the test's plain thread
        String polled = VirtualClock.run(clock, () -> queue.poll(2,
                java.util.concurrent.TimeUnit.SECONDS));
        org.assertj.core.api.Assertions.assertThat(polled).isNull();
        org.assertj.core.api.Assertions.assertThat(clock.elapsed())
                .isEqualTo(java.time.Duration.ofSeconds(2));
    }

    @Test
    void aClockThatCannotJumpBecauseATaskWaitsOnAPlainThreadSaysSo() throws Exception {
        var clock = new VirtualClock();
        var reported = new java.util.concurrent.CountDownLatch(1);
        var messages = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var queue = new dev.weft.queue.FifoQueue<String>();
        queue.offer("first");   // a plain thread used it: it is shared, the clock cannot jump
        queue.clear();
        var options = dev.weft.LoopOptions.defaults().withClock(clock)
                .withStallGrace(java.time.Duration.ofMillis(20))
                .withExceptionHandler((loop, message, error) -> {
                    messages.add(message);
                    reported.countDown();
                });
        Thread feeder = Thread.ofPlatform().start(() -> {
            try {
                reported.await();
                queue.put("late");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        String taken;
        try (var loop = new dev.weft.Loop(options)) {
            taken = loop.run(() -> {
                dev.weft.Weft.spawn("sleeper", () -> dev.weft.Weft.sleep(
                        java.time.Duration.ofHours(1)));
                return queue.take();
            });
        }
        feeder.join();
        org.assertj.core.api.Assertions.assertThat(taken).isEqualTo("late");
        var stuck = messages.stream().filter(m -> m.contains("cannot jump")).toList();
        org.assertj.core.api.Assertions.assertThat(stuck).hasSize(1);   // once, not every turn
        org.assertj.core.api.Assertions.assertThat(stuck.getFirst())
                .contains("cannot jump to its next timer")
                .contains("task \"main\" waits on FifoQueue[0 items");
    }
}
