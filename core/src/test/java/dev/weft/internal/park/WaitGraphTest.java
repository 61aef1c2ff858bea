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

package dev.weft.internal.park;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class WaitGraphTest {

    /** A party as the walk sees it: ended or not, waiting on something or not. */
    private static final class FakeParty implements Party {
        final WaitState waits = new WaitState();
        boolean ended;

        @Override
        public Thread thread() {
            return null;
        }

        @Override
        public String describe() {
            return "party";
        }

        @Override
        public Home home() {
            return null;
        }

        @Override
        public boolean isCancelling() {
            return false;
        }

        @Override
        public CancellationException cancellation(WaitTarget target) {
            return new CancellationException();
        }

        @Override
        public boolean hasEnded() {
            return ended;
        }

        @Override
        public WaitState waits() {
            return waits;
        }

        @Override
        public Waiter blockedOn() {
            return waits.blockedOn();
        }

        @Override
        public boolean waitIsBounded() {
            return false;
        }
    }

    /** What a join or a lock looks like to the walk: held by one party. */
    private record Held(Party holder, boolean endsWhenHolderEnds) implements WaitTarget {
        @Override
        public boolean confinedTo(Home home) {
            return false;
        }
    }

    @Test
    void joiningATaskThatHasJustFinishedIsNoDeadlock() {
        var me = new FakeParty();
        var finished = new FakeParty();
        finished.ended = true;
        assertThat(WaitGraph.check(me, new Waiter(me, new Held(finished, true), 1))).isNull();
    }

    @Test
    void aLockWhoseHolderEndedIsADeadlock() {
        var me = new FakeParty();
        var gone = new FakeParty();
        gone.ended = true;
        assertThat(WaitGraph.check(me, new Waiter(me, new Held(gone, false), 1)))
                .hasMessageContaining("has ended without releasing it");
    }

    @Test
    void aHolderThatWaitsOnNothingEndsTheChain() {
        var me = new FakeParty();
        var running = new FakeParty();
        assertThat(WaitGraph.check(me, new Waiter(me, new Held(running, false), 1))).isNull();
    }
}
