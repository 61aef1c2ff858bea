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

import dev.weft.internal.park.Party;

import dev.weft.internal.park.Parking;
import dev.weft.internal.park.WaitList;
import dev.weft.internal.park.WaitPoint;
import dev.weft.internal.park.Waiter;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;

/**
 * A meeting point for a fixed number of tasks: Python's {@code threading.Barrier} and asyncio's
 * {@code Barrier}. Each task calling {@link #await()} waits until {@code parties} have arrived;
 * then the optional action runs, in the last task to arrive, and all go on together. The barrier
 * then serves the next round.
 *
 * {@snippet :
 * var everyoneLoaded = new Barrier(3, () -> System.out.println("all loaded"));
 * for (String part : List.of("a", "b", "c")) {
 *     Weft.spawn(() -> { load(part); everyoneLoaded.await(); process(part); });
 * }
 * }
 *
 * <p><b>Broken:</b> if a waiting task is cancelled (or its {@code Weft.timeout} expires), or the
 * action throws, or {@link #abort()} is called, the barrier breaks: every task waiting at it,
 * and every later arrival until {@link #reset()}, gets {@link BrokenBarrierException}. Tasks can
 * then never wait forever for a party that will not come.
 *
 * <p><b>Thread safety:</b> thread-safe; tasks of several loops and plain threads may share it.
 *
 * <p><b>Serialization:</b> not {@link java.io.Serializable}, unlike the JDK's locks and
 * synchronizers: a primitive belongs to the tasks of a running program, and its waiters are not
 * state that could be restored. Serializing one fails with {@link
 * java.io.NotSerializableException}.
 */
public final class Barrier {
    /* How it works: each round is a Generation with its own waiters. The last arrival runs the
     * action outside the guard, then grants every waiter of its round and starts a new round. A
     * break grants every waiter with the BROKEN marker and leaves the round broken until reset. */

    private static final Object BROKEN = new Object();

    private final int parties;
    private final Runnable action;
    private final WaitPoint point = new WaitPoint(this);
    private Generation generation = new Generation();   // guarded by point

    private static final class Generation {
        final WaitList waiters = new WaitList();
        int arrived;
        boolean broken;
    }

    /**
     * Creates a barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException if {@code parties} is not positive
     */
    public Barrier(int parties) {
        this(parties, null);
    }

    /**
     * Creates a barrier for {@code parties} tasks whose last arrival runs {@code action} (which
     * may be null) before any of them goes on.
     *
     * @throws IllegalArgumentException if {@code parties} is not positive
     */
    public Barrier(int parties, Runnable action) {
        if (parties <= 0) {
            throw new IllegalArgumentException("parties must be positive: " + parties);
        }
        this.parties = parties;
        this.action = action;
    }

    /**
     * Arrives at the barrier and waits for the others. This is a
     * {@linkplain dev.weft cancellation point}; a cancelled waiter breaks the barrier.
     *
     * @return the arrival index: 0 for the first task to arrive, {@code parties - 1} for the last
     * @throws BrokenBarrierException if the barrier is or becomes broken
     * @throws CancellationException if the caller is cancelled
     */
    public int await() throws BrokenBarrierException {
        Party me = Party.current();
        me.checkpoint();
        Generation round;
        Waiter waiter = null;
        int index;
        synchronized (point) {
            point.touch(me);
            round = generation;
            if (round.broken) {
                throw broken();
            }
            index = round.arrived++;
            if (round.arrived < parties) {
                waiter = new Waiter(me, point, 1);
                round.waiters.add(waiter);
            }
        }
        if (waiter == null) {
            trip(round);
            return index;
        }
        try {
            point.await(round.waiters, waiter, -1);
        } catch (Throwable failure) {   // cancelled: nobody may wait for us now
            breakRound(round);
            throw failure;
        }
        if (waiter.item() == BROKEN) {
            throw broken();
        }
        return index;
    }

    /** Breaks the barrier: every waiting task gets {@link BrokenBarrierException}. */
    public void abort() {
        synchronized (point) {
            breakRound(generation);
        }
    }

    /**
     * Breaks the current round (its waiters get {@link BrokenBarrierException}) and starts a new
     * one, so the barrier can be used again.
     */
    public void reset() {
        synchronized (point) {
            breakRound(generation);
            generation = new Generation();
        }
    }

    /** Returns whether the barrier is broken. */
    public boolean isBroken() {
        synchronized (point) {
            return generation.broken;
        }
    }

    /** Returns how many tasks must arrive to open the barrier. */
    public int parties() {
        return parties;
    }

    /** Returns how many tasks wait at the barrier now. */
    public int waiting() {
        synchronized (point) {
            return generation.broken ? 0 : generation.arrived;
        }
    }

    @Override
    public String toString() {
        synchronized (point) {
            return "Barrier[" + (generation.broken ? "broken"
                    : generation.arrived + "/" + parties + " arrived") + "]";
        }
    }

    /** The last task arrived: runs the action and lets the round go. */
    private void trip(Generation round) throws BrokenBarrierException {
        try {
            if (action != null) {
                action.run();
            }
        } catch (Throwable failure) {   // the action is user code: any throwable
            synchronized (point) {
                breakRound(round);
            }
            throw failure;
        }
        synchronized (point) {
            if (round.broken) {
                throw broken();   // a waiter gave up while the action ran
            }
            round.waiters.grantAll(null);
            generation = new Generation();
        }
    }

    /** Under the guard, or takes it: breaks {@code round} if it is still current and whole. */
    private void breakRound(Generation round) {
        synchronized (point) {
            if (round == generation && !round.broken) {
                round.broken = true;
                round.waiters.grantAll(BROKEN);
            }
        }
    }

    private BrokenBarrierException broken() {
        return new BrokenBarrierException(this + ": a party was cancelled or timed out, the "
                + "action failed, or abort() was called; reset() it to use it again");
    }
}
