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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.test.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TimeoutTest {

    @Test
    void aBodyThatFinishesInTimeReturnsItsValue() throws TimeoutException {
        int value = VirtualClock.run(() -> Weft.timeout(Duration.ofSeconds(1), () -> {
            Weft.sleep(Duration.ofMillis(10));
            return 5;
        }));
        assertThat(value).isEqualTo(5);
    }

    @Test
    void aBodyStillRunningAtTheDeadlineIsCancelledAndTimesOut() {
        var clock = new VirtualClock();
        var events = new ArrayList<String>();
        VirtualClock.run(clock, () -> {
            assertThatThrownBy(() -> Weft.timeout(Duration.ofHours(1), () -> {
                try {
                    Weft.sleep(Duration.ofHours(2));
                    return "overslept";
                } finally {
                    events.add("finally at " + clock.elapsed());
                }
            })).isInstanceOf(TimeoutException.class)
                    .hasMessage("Weft.timeout(PT1H) expired in task \"main\"")
                    .hasCauseInstanceOf(CancellationException.class);
            return null;
        });
        assertThat(events).containsExactly("finally at PT1H");
    }

    @Test
    void aTimeoutEndsAJdkSleepToo() {
        // Real time: a virtual clock stands still while a task waits in the JDK.
        Weft.run(() -> {
            assertThatThrownBy(() -> Weft.timeout(Duration.ofMillis(20), () -> {
                Thread.sleep(Duration.ofHours(1));
                return null;
            })).isInstanceOf(TimeoutException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            return null;
        });
    }

    @Test
    void theInnerTimeoutFiresFirstAndTheOuterOneIsNotConfused() throws TimeoutException {
        var clock = new VirtualClock();
        String outcome = VirtualClock.run(clock, () -> Weft.timeout(Duration.ofSeconds(10), () -> {
            try {
                Weft.timeout(Duration.ofSeconds(1), () -> {
                    Weft.sleep(Duration.ofHours(1));
                    return null;
                });
                return "inner returned";
            } catch (TimeoutException inner) {
                Weft.sleep(Duration.ofSeconds(2));   // still inside the outer limit
                return "inner timed out at " + clock.elapsed();
            }
        }));
        assertThat(outcome).isEqualTo("inner timed out at PT3S");
    }

    @Test
    void theOuterTimeoutFiringFirstPassesThroughTheInnerOne() {
        var clock = new VirtualClock();
        var events = new ArrayList<String>();
        VirtualClock.run(clock, () -> {
            assertThatThrownBy(() -> Weft.timeout(Duration.ofSeconds(1), () -> {
                try {
                    return Weft.timeout(Duration.ofSeconds(10), () -> {
                        Weft.sleep(Duration.ofHours(1));
                        return "never";
                    });
                } catch (TimeoutException inner) {
                    events.add("inner caught a timeout it does not own");
                    return "wrong";
                }
            })).isInstanceOf(TimeoutException.class).hasMessageContaining("PT1S");
            return null;
        });
        assertThat(events).isEmpty();
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theCodeAfterATimeoutIsNotInterrupted() {
        VirtualClock.run(() -> {
            assertThatThrownBy(() -> Weft.timeout(Duration.ofMillis(5), () -> {
                Weft.sleep(Duration.ofSeconds(1));
                return null;
            })).isInstanceOf(TimeoutException.class);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            Weft.sleep(Duration.ofMillis(10));   // works: the timeout is spent
            return null;
        });
    }

    @Test
    void aZeroTimeoutCancelsTheBodyAtItsFirstBlockingCall() {
        var events = new ArrayList<String>();
        VirtualClock.run(() -> {
            assertThatThrownBy(() -> Weft.timeout(Duration.ZERO, () -> {
                events.add("body starts");
                Weft.sleep(Duration.ofMillis(1));
                events.add("after sleep");
                return null;
            })).isInstanceOf(TimeoutException.class);
            return null;
        });
        assertThat(events).containsExactly("body starts");
    }

    @Test
    void aShieldKeepsItsBodyFromBeingCancelled() {
        var clock = new VirtualClock();
        var events = new ArrayList<String>();
        VirtualClock.run(clock, () -> {
            assertThatThrownBy(() -> Weft.timeout(Duration.ofSeconds(1), () -> {
                Weft.shield(() -> {
                    Weft.sleep(Duration.ofSeconds(5));
                    events.add("shielded sleep finished at " + clock.elapsed());
                    return null;
                });
                Weft.sleep(Duration.ofSeconds(5));
                events.add("unreachable");
                return null;
            })).isInstanceOf(TimeoutException.class);
            return null;
        });
        assertThat(events).containsExactly("shielded sleep finished at PT5S");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aShieldDefersATaskCancelUntilItEnds() {
        var events = new ArrayList<String>();
        VirtualClock.run(() -> {
            Task<Void> cleaner = Weft.spawn(() -> {
                Weft.shield(() -> {
                    Weft.sleep(Duration.ofSeconds(1));
                    events.add("cleanup finished");
                    return null;
                });
                Weft.sleep(Duration.ofSeconds(1));
                events.add("unreachable");
            });
            Weft.yieldNow();
            cleaner.cancel();
            cleaner.join();
            assertThat(cleaner.state()).isEqualTo(Future.State.CANCELLED);
            return null;
        });
        assertThat(events).containsExactly("cleanup finished");
    }

    @Test
    void aTimeoutInsideAShieldStillWorks() {
        VirtualClock.run(() -> {
            Weft.shield(() -> {
                assertThatThrownBy(() -> Weft.timeout(Duration.ofSeconds(1), () -> {
                    Weft.sleep(Duration.ofHours(1));
                    return null;
                })).isInstanceOf(TimeoutException.class);
                return null;
            });
            return null;
        });
    }

    @Test
    void aTaskCancelInsideATimeoutIsACancellationNotATimeout() {
        VirtualClock.run(() -> {
            Task<Object> task = Weft.spawn(() -> Weft.timeout(Duration.ofHours(1), () -> {
                Weft.sleep(Duration.ofHours(2));
                return null;
            }));
            Weft.yieldNow();
            task.cancel();
            task.join();
            assertThat(task.state()).isEqualTo(Future.State.CANCELLED);
            return null;
        });
    }

    @Test
    void aFailureInsideATimeoutPassesThroughUnchanged() {
        VirtualClock.run(() -> {
            assertThatThrownBy(() -> Weft.timeout(Duration.ofSeconds(1), () -> {
                throw new java.io.IOException("broken pipe");
            })).isInstanceOf(java.io.IOException.class).hasMessage("broken pipe");
            return null;
        });
    }

    @Test
    void aZeroTimeoutEndsAJdkCallToo() {
        Weft.run(() -> {
            assertThatThrownBy(() -> Weft.timeout(Duration.ZERO, () -> {
                Thread.sleep(Duration.ofHours(1));
                return null;
            })).isInstanceOf(TimeoutException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
        });
    }
}
