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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Task;
import dev.weft.Weft;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class RLockTest {

    @Test
    void theOwnerMayAcquireAgainAndFreesItByReleasingAsOften() {
        var events = new ArrayList<String>();
        Weft.run(() -> {
            var lock = new RLock("tree");
            lock.lock();
            lock.lock();
            assertThat(lock.holdCount()).isEqualTo(2);
            Task<Void> other = Weft.spawn(() -> {
                lock.lock();
                events.add("other got it");
                lock.unlock();
            });
            Weft.yieldNow();
            lock.unlock();
            Weft.yieldNow();
            events.add("after first unlock");
            assertThat(lock.isHeldByCaller()).isTrue();
            lock.unlock();
            other.join();
            assertThat(lock.holdCount()).isZero();
            assertThat(lock.isLocked()).isFalse();
        });
        assertThat(events).containsExactly("after first unlock", "other got it");
    }

    @Test
    void releasingMoreTimesThanAcquiredFails() {
        Weft.run(() -> {
            var lock = new RLock();
            lock.lock();
            lock.unlock();
            assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
        });
    }

    @Test
    void toStringShowsTheOwnerAndTheHolds() {
        Weft.run(() -> {
            var lock = new RLock("tree");
            assertThat(lock).hasToString("RLock \"tree\"[unlocked, 0 waiting]");
            lock.lock();
            lock.lock();
            assertThat(lock).hasToString("RLock \"tree\"[held by task \"main\" (2 holds), "
                    + "0 waiting]");
            lock.unlock();
            lock.unlock();
        });
    }

    @Test
    void aConditionWaitReleasesEveryHoldAndRestoresThem() {
        Weft.run(() -> {
            var lock = new RLock();
            var changed = lock.newCondition();
            var flag = new boolean[1];
            lock.lock();
            lock.lock();
            Weft.spawn(() -> {
                lock.lock();
                flag[0] = true;
                changed.signal();
                lock.unlock();
            });
            while (!flag[0]) {
                changed.await();
            }
            assertThat(lock.holdCount()).isEqualTo(2);
            lock.unlock();
            lock.unlock();
        });
    }
}
