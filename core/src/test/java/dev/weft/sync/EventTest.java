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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.test.VirtualClock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest {

    @Test
    void setWakesEveryWaiterAndLaterWaitsReturnAtOnce() {
        var events = new ArrayList<String>();
        Weft.run(() -> {
            var started = new Event();
            var waiters = List.of("a", "b").stream().map(name -> Weft.spawn(() -> {
                started.await();
                events.add(name + " woke");
            })).toList();
            Weft.yieldNow();
            assertThat(started.waiting()).isEqualTo(2);
            events.add("set");
            started.set();
            Weft.joinAll(waiters);
            started.await();
            events.add("no wait");
        });
        assertThat(events).containsExactly("set", "a woke", "b woke", "no wait");
    }

    @Test
    void clearMakesWaitsWaitAgain() {
        VirtualClock.run(() -> {
            var event = new Event();
            event.set();
            event.clear();
            assertThat(event.isSet()).isFalse();
            assertThatThrownBy(() -> Weft.timeout(Duration.ofSeconds(10), () -> {
                event.await();
                return null;
            })).isInstanceOf(TimeoutException.class);
            return null;
        });
    }

    @Test
    void aWaitBoundedByATimeoutEndsWhenSetInTime() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            var event = new Event();
            Weft.spawn(() -> {
                Weft.sleep(Duration.ofSeconds(3));
                event.set();
            });
            Weft.timeout(Duration.ofSeconds(10), () -> {
                event.await();
                return null;
            });
            assertThat(event.isSet()).isTrue();
            assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(3));
            return null;
        });
    }

    @Test
    void aCancelledWaiterEndsCancelled() {
        Weft.run(() -> {
            var event = new Event();
            Task<Void> waiter = Weft.spawn(event::await);
            Weft.yieldNow();
            waiter.cancel();
            waiter.join();
            assertThat(waiter.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(event.waiting()).isZero();
        });
    }

    @Test
    void aPlainThreadSetsAnEventTasksOfALoopWaitFor() throws Exception {
        var event = new Event();   // made outside any task: the loop cannot own it
        try (var loop = new dev.weft.Loop()) {
            Task<String> waiter = loop.spawn(() -> {
                event.await();
                return "woke";
            });
            Thread.ofPlatform().start(event::set).join();
            assertThat(waiter.get()).isEqualTo("woke");
        }
    }
}
