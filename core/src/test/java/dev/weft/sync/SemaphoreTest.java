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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class SemaphoreTest {

    @Test
    void atMostThePermitCountRunAtOnce() {
        var running = new int[2];   // now, most
        VirtualClock.run(() -> {
            var limit = new Semaphore(3);
            var tasks = new ArrayList<Task<Void>>();
            for (int i = 0; i < 10; i++) {
                tasks.add(Weft.spawn(() -> limit.withPermit(() -> {
                    running[1] = Math.max(running[1], ++running[0]);
                    Weft.sleep(Duration.ofSeconds(1));
                    running[0]--;
                    return null;
                })));
            }
            Weft.joinAll(tasks);
            assertThat(limit.availablePermits()).isEqualTo(3);
            return null;
        });
        assertThat(running[1]).isEqualTo(3);
    }

    @Test
    void aWaiterForSeveralPermitsHoldsBackTheTasksBehindIt() {
        var order = new ArrayList<String>();
        Weft.run(() -> {
            var semaphore = new Semaphore(1);
            Task<Void> big = Weft.spawn(() -> {
                semaphore.acquire(2);
                order.add("big");
                semaphore.release(2);
            });
            Task<Void> small = Weft.spawn(() -> {
                semaphore.acquire();
                order.add("small");
                semaphore.release();
            });
            Weft.yieldNow();
            assertThat(semaphore.waiting()).isEqualTo(2);
            semaphore.release();
            Weft.joinAll(List.of(big, small));
        });
        assertThat(order).containsExactly("big", "small");
    }

    @Test
    void aCancelledWaiterLeaksNoPermit() {
        Weft.run(() -> {
            var semaphore = new Semaphore(0);
            Task<Void> cancelled = Weft.spawn(() -> semaphore.acquire());
            Task<Void> next = Weft.spawn(() -> semaphore.acquire());
            Weft.yieldNow();
            cancelled.cancel();
            cancelled.join();
            semaphore.release();
            next.join();
            assertThat(next.state()).isEqualTo(Future.State.SUCCESS);
            assertThat(semaphore.availablePermits()).isZero();
            assertThat(semaphore.waiting()).isZero();
        });
    }

    @Test
    void aCancelledBigRequestAtTheFrontLetsTheSmallerOnesBehindItThrough() {
        Weft.run(() -> {
            var semaphore = new Semaphore(1);
            Task<Void> big = Weft.spawn(() -> semaphore.acquire(2));
            Task<Void> small = Weft.spawn(() -> semaphore.acquire());
            Weft.yieldNow();
            assertThat(semaphore.waiting()).isEqualTo(2);
            big.cancel();
            small.join();
            assertThat(small.state()).isEqualTo(Future.State.SUCCESS);
            assertThat(semaphore.availablePermits()).isZero();
        });
    }

    @Test
    void aTimedOutWaiterLeavesThePermitsForTheNext() {
        VirtualClock.run(() -> {
            var semaphore = new Semaphore(0);
            assertThatThrownBy(() -> Weft.timeout(Duration.ofMinutes(1),
                    () -> semaphore.withPermit(() -> "never")))
                    .isInstanceOf(TimeoutException.class);
            semaphore.release();
            assertThat(semaphore.tryAcquire()).isTrue();
            return null;
        });
    }

    @Test
    void tryAcquireNeverWaitsAndDoesNotJumpTheQueue() {
        Weft.run(() -> {
            var semaphore = new Semaphore(1);
            assertThat(semaphore.tryAcquire(2)).isFalse();
            Task<Void> waiter = Weft.spawn(() -> semaphore.acquire(2));
            Weft.yieldNow();
            assertThat(semaphore.tryAcquire()).isFalse();   // the waiter is first in line
            semaphore.release();
            waiter.join();
        });
    }

    @Test
    void badPermitCountsAreRefused() {
        assertThatThrownBy(() -> new Semaphore(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("permits must not be negative: -1");
        Weft.run(() -> {
            assertThatThrownBy(() -> new Semaphore(1).acquire(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("permits must be positive: 0");
        });
    }

    @Test
    void aBoundedSemaphoreRefusesAReleaseAboveItsInitialCount() {
        Weft.run(() -> {
            var semaphore = new BoundedSemaphore(2);
            semaphore.acquire();
            semaphore.release();
            assertThatThrownBy(semaphore::release)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("BoundedSemaphore released too many times: 2 of 2 permits are "
                            + "free, and releasing 1 more would exceed 2; release only what was "
                            + "acquired");
            assertThat(semaphore.availablePermits()).isEqualTo(2);
        });
    }

    @Test
    void aPlainThreadReleasesAPermitATaskWaitsFor() throws Exception {
        var semaphore = new Semaphore(0);
        try (var loop = new dev.weft.Loop()) {
            Task<String> waiter = loop.spawn(() -> semaphore.withPermit(() -> "got it"));
            while (semaphore.waiting() == 0) {
                Thread.onSpinWait();
            }
            semaphore.release();
            assertThat(waiter.get()).isEqualTo("got it");
        }
    }
}
