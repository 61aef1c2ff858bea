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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ConditionTest {

    @Test
    void awaitWithAPredicateWaitsUntilItHolds() {
        var taken = new ArrayList<Integer>();
        Weft.run(() -> {
            var items = new ArrayDeque<Integer>();
            var nonEmpty = new Condition();
            Task<Void> consumer = Weft.spawn(() -> {
                for (int i = 0; i < 3; i++) {
                    nonEmpty.lock();
                    try {
                        nonEmpty.await(() -> !items.isEmpty());
                        taken.add(items.removeFirst());
                    } finally {
                        nonEmpty.unlock();
                    }
                }
            });
            for (int i = 1; i <= 3; i++) {
                nonEmpty.lock();
                try {
                    items.add(i);
                    nonEmpty.signal();
                } finally {
                    nonEmpty.unlock();
                }
                Weft.yieldNow();
            }
            consumer.join();
        });
        assertThat(taken).containsExactly(1, 2, 3);
    }

    @Test
    void signalWakesWaitersInArrivalOrderAndSignalAllWakesThemAll() {
        var order = new ArrayList<String>();
        Weft.run(() -> {
            var condition = new Condition();
            var waiters = List.of("a", "b", "c").stream().map(name -> Weft.spawn(() -> {
                condition.lock();
                try {
                    condition.await();
                    order.add(name);
                } finally {
                    condition.unlock();
                }
            })).toList();
            Weft.yieldNow();
            assertThat(condition.waiting()).isEqualTo(3);
            condition.lock();
            condition.signal();
            condition.unlock();
            Weft.yieldNow();
            condition.lock();
            condition.signalAll();
            condition.unlock();
            Weft.joinAll(waiters);
        });
        assertThat(order).containsExactly("a", "b", "c");
    }

    @Test
    void aSignalMeantForACancelledWaiterPassesToTheNext() {
        Weft.run(() -> {
            var condition = new Condition();
            Task<Void> cancelled = Weft.spawn(() -> {
                condition.lock();
                try {
                    condition.await();
                } finally {
                    condition.unlock();
                }
            });
            Task<Void> next = Weft.spawn(() -> {
                condition.lock();
                try {
                    condition.await();
                } finally {
                    condition.unlock();
                }
            });
            Weft.yieldNow();
            condition.lock();
            cancelled.cancel();          // delivered while main holds the lock
            condition.signal();
            condition.unlock();
            Weft.joinAll(List.of(cancelled, next));
            assertThat(cancelled.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(next.state()).isEqualTo(Future.State.SUCCESS);
        });
    }

    @Test
    void aCancelledWaiterHoldsTheLockAgainWhenItFails() {
        Weft.run(() -> {
            var lock = new Lock();
            var condition = lock.newCondition();
            var heldInFinally = new boolean[1];
            Task<Void> waiter = Weft.spawn(() -> {
                lock.lock();
                try {
                    condition.await();
                } finally {
                    heldInFinally[0] = lock.isHeldByCaller();
                    lock.unlock();
                }
            });
            Weft.yieldNow();
            waiter.cancel();
            waiter.join();
            assertThat(heldInFinally[0]).isTrue();
            assertThat(lock.isLocked()).isFalse();
        });
    }

    @Test
    void anUninterruptibleWaitOutlastsACancelAndTheCancelAppliesAfterwards() {
        var events = new ArrayList<String>();
        Weft.run(() -> {
            var condition = new Condition();
            Task<Void> waiter = Weft.spawn(() -> {
                condition.lock();
                try {
                    condition.awaitUninterruptibly();
                    events.add("signalled");
                    Weft.yieldNow();   // the pending cancel applies here
                    events.add("not reached");
                } finally {
                    condition.unlock();
                }
            });
            Weft.yieldNow();
            condition.lock();
            waiter.cancel();
            Weft.yieldNow();
            condition.signal();
            condition.unlock();
            waiter.join();
            assertThat(waiter.state()).isEqualTo(Future.State.CANCELLED);
        });
        assertThat(events).containsExactly("signalled");
    }

    @Test
    void timedWaitsFollowTheLoopClock() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            var condition = new Condition();
            condition.lock();
            try {
                assertThat(condition.await(2, TimeUnit.SECONDS)).isFalse();
                assertThat(condition.awaitNanos(Duration.ofSeconds(3).toNanos())).isNotPositive();
                assertThatThrownBy(() -> Weft.timeout(Duration.ofSeconds(5), () -> {
                    condition.await(() -> false);
                    return null;
                }))
                        .isInstanceOf(TimeoutException.class);
                assertThat(condition.waiting()).isZero();
            } finally {
                condition.unlock();
            }
            return null;
        });
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void waitingOrSignallingWithoutTheLockFails() {
        Weft.run(() -> {
            var condition = new Condition();
            assertThatThrownBy(condition::await)
                    .isInstanceOf(IllegalMonitorStateException.class)
                    .hasMessageContaining("cannot wait on a condition of Lock[unlocked");
            assertThatThrownBy(condition::signal)
                    .isInstanceOf(IllegalMonitorStateException.class)
                    .hasMessageContaining("cannot signal a condition of");
        });
    }
}
