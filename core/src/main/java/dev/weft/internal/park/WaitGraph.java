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

import dev.weft.DeadlockException;
import dev.weft.internal.events.WeftEvents;
import java.util.ArrayList;
import java.util.List;

/**
 * The wait-for graph, followed on demand: who waits on what, and who alone could end that wait.
 * A party that starts waiting for a lock or a task walks the chain from there; if the chain comes
 * back to it, or ends at a lock whose owner has ended, the wait could never end and fails with a
 * {@link DeadlockException} that shows the chain.
 *
 * <p>Not part of Weft's API.
 */
public final class WaitGraph {
    /* How it works: nothing is kept but what each party waits on now (WaitState.blockedOn). A
     * waiter publishes its edge (a volatile write) before it walks, so of two parties closing a
     * cycle at the same time at least the second sees the first's edge. Walks are bounded, and
     * stop at a cycle that does not pass through the walker: its own members report it. */

    private static final int MAX_CHAIN = 1000;

    private WaitGraph() {}

    /** Returns what {@code party} waits on now, or null. */
    public static Waiter blockedOn(Party party) {
        return party.blockedOn();
    }

    /** Returns the party that alone could end {@code waiter}'s wait, or null if anyone may. */
    private static Party holderOf(Waiter waiter) {
        return waiter.target().holder();
    }

    /**
     * Follows the chain from {@code party}, which has just published that it waits with
     * {@code waiter}, and returns the exception to throw if the wait could never end, or null.
     */
    static DeadlockException check(Party party, Waiter waiter) {
        if (party.waitIsBounded() || endsAtOnce(party, waiter)) {
            return null;
        }
        var chain = new ArrayList<Object>();   // party, waiter, party, waiter, ...
        Party current = party;
        Waiter waitingOn = waiter;
        for (int step = 0; step < MAX_CHAIN && waitingOn != null; step++) {
            Party holder = holderOf(waitingOn);
            if (holder == null) {
                return null;
            }
            chain.add(current);
            chain.add(waitingOn);
            if (holder == party) {
                return deadlock("deadlock: " + describeChain(chain, party)
                        + stacksOf(chain, party));
            }
            if (holder.hasEnded()) {
                if (waitingOn.target().endsWhenHolderEnds()) {
                    return null;   // a joined task that has just finished: the join ends
                }
                return deadlock("deadlock: " + describeChain(chain, holder)
                        + ", which has ended without releasing it: nobody else may release it"
                        + stacksOf(chain, party));
            }
            if (partyOnChain(chain, holder)) {
                return null;   // a cycle that does not pass through party: its members report it
            }
            if (holder.waitIsBounded()) {
                return null;   // its timeout will break the chain
            }
            current = holder;
            waitingOn = blockedOn(holder);
        }
        return null;
    }

    /**
     * Whether the chain obviously ends at its first link, the common case (the holder runs, or
     * waits on something nobody holds), so that the walk allocates nothing.
     */
    private static boolean endsAtOnce(Party party, Waiter waiter) {
        Party holder = holderOf(waiter);
        if (holder == null || holder == party || holder.hasEnded()) {
            return holder == null;
        }
        Waiter next = blockedOn(holder);
        return next == null || holderOf(next) == null;
    }

    private static boolean partyOnChain(List<Object> chain, Party party) {
        for (int i = 0; i < chain.size(); i += 2) {
            if (chain.get(i) == party) {
                return true;
            }
        }
        return false;
    }

    /** Records the deadlock for JDK Flight Recorder and returns its exception. */
    public static DeadlockException deadlock(String report) {
        WeftEvents.deadlock(report);
        return new DeadlockException(report);
    }

    /** "task "a" waits on X, held by task "b"; task "b" waits on Y, held by {@code last}". */
    private static String describeChain(List<Object> chain, Party last) {
        var text = new StringBuilder();
        for (int i = 0; i < chain.size(); i += 2) {
            Party holder = i + 2 < chain.size() ? (Party) chain.get(i + 2) : last;
            if (i > 0) {
                text.append("; ");
            }
            text.append(((Party) chain.get(i)).describe()).append(' ')
                    .append(describeWait((Waiter) chain.get(i + 1)))
                    .append(", held by ").append(holder.describe());
        }
        return text.toString();
    }

    /** How a report shows what a party waits on. */
    public static String describeWait(Waiter waiter) {
        return waiter == null ? "waits on nothing Weft knows of" : waiter.target().describeWait();
    }

    /** The stacks of the parties on the chain other than the one that will throw. */
    private static String stacksOf(List<Object> chain, Party thrower) {
        var text = new StringBuilder();
        for (int i = 0; i < chain.size(); i += 2) {
            Party party = (Party) chain.get(i);
            if (party != thrower) {
                appendStack(text, party);
            }
        }
        return text.toString();
    }

    /** Appends "\n<party> is at:\n\tat frame..." when the party's thread is still there. */
    public static void appendStack(StringBuilder text, Party party) {
        Thread thread = party.thread();
        if (thread == null) {
            return;
        }
        text.append('\n').append(party.describe()).append(" is at:");
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("\n\tat ").append(frame);
        }
    }
}
