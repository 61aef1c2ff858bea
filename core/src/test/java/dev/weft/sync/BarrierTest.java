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

import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.test.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class BarrierTest {

    @Test
    void tasksGoOnTogetherOnceAllArriveAndTheLastRunsTheAction() {
        var events = new ArrayList<String>();
        Weft.run(() -> {
            var barrier = new Barrier(3, () -> events.add("action"));
            var tasks = new ArrayList<Task<Integer>>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(Weft.spawn(() -> {
                    events.add(name + " arrives");
                    int index = barrier.await();
                    events.add(name + " goes on");
                    return index;
                }));
            }
            assertThat(Weft.gather(tasks)).containsExactly(0, 1, 2);
        });
        assertThat(events).containsExactly("a arrives", "b arrives", "c arrives", "action",
                "c goes on", "a goes on", "b goes on");
    }

    @Test
    void theBarrierServesTheNextRound() {
        Weft.run(() -> {
            var barrier = new Barrier(2);
            Task<Void> partner = Weft.spawn(() -> {
                barrier.await();
                barrier.await();
            });
            barrier.await();
            barrier.await();
            partner.join();
            assertThat(partner.state()).isEqualTo(Future.State.SUCCESS);
        });
    }

    @Test
    void aTimeoutBreaksTheBarrierForEveryWaiter() {
        VirtualClock.run(() -> {
            var barrier = new Barrier(3);
            Task<Integer> other = Weft.spawn(barrier::await);
            Weft.yieldNow();
            assertThatThrownBy(() -> Weft.timeout(Duration.ofSeconds(1), barrier::await))
                    .isInstanceOf(TimeoutException.class);
            other.join();
            assertThat(failureOf(other)).isInstanceOf(BrokenBarrierException.class);
            assertThat(barrier.isBroken()).isTrue();
            assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
            barrier.reset();
            assertThat(barrier.isBroken()).isFalse();
            return null;
        });
    }

    @Test
    void aFailingActionBreaksTheBarrier() {
        Weft.run(() -> {
            var barrier = new Barrier(2, () -> {
                throw new IllegalStateException("action failed");
            });
            Task<Integer> other = Weft.spawn(barrier::await);
            Weft.yieldNow();
            assertThatThrownBy(barrier::await).hasMessage("action failed");
            other.join();
            assertThat(failureOf(other)).isInstanceOf(BrokenBarrierException.class);
        });
    }

    @Test
    void abortBreaksTheBarrier() {
        Weft.run(() -> {
            var barrier = new Barrier(2);
            Task<Integer> waiter = Weft.spawn(barrier::await);
            Weft.yieldNow();
            barrier.abort();
            waiter.join();
            assertThat(failureOf(waiter)).isInstanceOf(BrokenBarrierException.class)
                    .hasMessageContaining("reset() it to use it again");
        });
    }
}
