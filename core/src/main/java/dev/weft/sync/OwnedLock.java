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

import dev.weft.internal.park.Interrupts;
import dev.weft.internal.park.Parking;
import dev.weft.internal.park.Party;
import dev.weft.internal.park.WaitList;
import dev.weft.internal.park.WaitPoint;
import dev.weft.internal.park.Waiter;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * What {@link Lock} and {@link RLock} share: an owner (a task, or a thread that is not a task),
 * a FIFO of waiters, and hand-off of ownership to the first waiter on release, so no one can
 * barge in ahead of a task that waits. They differ only in what the owner acquiring again means.
 */
abstract sealed class OwnedLock implements java.util.concurrent.locks.Lock permits Lock, RLock {
    /* How it works: the owner lives in `point` and is claimed by CAS, so an uncontended lock and
     * unlock take no monitor. Waiters queue under `point`'s monitor and raise `waiting` before
     * they look at the owner once more; an owner releasing with nobody waiting clears the owner
     * and then looks at `waiting` once more. Both are volatile, so at least one side sees the
     * other: either the waiter claims the free lock itself, or the releaser takes the monitor and
     * hands the lock on. With waiters queued, release hands ownership straight to the first
     * waiter that still waits, making it the owner before it wakes; a waiter that gave up
     * (cancelled, timed out) fails the grant and the lock passes to the next. `holds` counts
     * re-acquisitions (RLock) and is touched only by the owner. */

    private static final java.lang.invoke.VarHandle WAITING;

    static {
        try {
            WAITING = java.lang.invoke.MethodHandles.lookup()
                    .findVarHandle(OwnedLock.class, "waiting", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    final WaitPoint point = new WaitPoint(this);
    private final WaitList waiters = new WaitList();   // guarded by point
    private volatile int waiting;                      // waiters.size(), written under point
    private int holds;                                 // the owner only; see "How it works"

    OwnedLock(String name) {
        this.name = name;
        point.onHolderEnded(() -> {
            synchronized (point) {
                waiters.nudgeAll();   // they find the owner gone and report the deadlock
            }
        });
    }

    /** What the owner acquiring again means: a deadlock report, or one more hold. */
    abstract boolean reentrant();

    // ---- java.util.concurrent.locks.Lock -------------------------------------------------------

    /**
     * Acquires the lock, waiting in arrival order behind the tasks already waiting. This is a
     * {@linkplain dev.weft cancellation point}: a cancelled task gets
     * {@link CancellationException} and does not hold the lock; so does an interrupted plain
     * thread.
     *
     * @throws dev.weft.DeadlockException if the wait could never end: the lock is held, through a
     *     chain of locks and joins, by a task waiting for the caller, or by a task that ended
     *     holding it; for a {@link Lock}, also if the caller already holds it
     */
    @Override
    public void lock() {
        Party me = Party.current();
        me.checkpoint();
        acquire(me, -1);
    }

    /**
     * Acquires the lock as {@link #lock()} does; an interrupted plain thread gets
     * {@link InterruptedException}, as the JDK's locks promise.
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        Party me = Party.current();
        try {
            me.checkpoint();
            acquire(me, -1);
        } catch (CancellationException e) {
            throw Interrupts.forThread(me, e);
        }
    }

    /**
     * Acquires the lock if it is free and nobody waits for it; never waits, so it is not a
     * cancellation point. A {@link Lock} the caller already holds is not available: the answer
     * is false, as {@link java.util.concurrent.locks.Lock#tryLock()} promises (an
     * {@link RLock} is acquired once more).
     *
     * @return whether the caller now holds the lock (one more time, for an {@link RLock})
     */
    @Override
    public boolean tryLock() {
        return acquire(Party.current(), 0);
    }

    /**
     * Acquires the lock if that happens within {@code time}, measured on the waiting task's loop
     * clock (real time for a plain thread). This is a {@linkplain dev.weft cancellation point}.
     * A {@link Lock} the caller already holds could never become available to it: the answer
     * is false at once.
     *
     * @return whether the caller now holds the lock
     * @throws InterruptedException if the waiting plain thread is interrupted
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        Party me = Party.current();
        try {
            me.checkpoint();
            return acquire(me, Math.max(0, unit.toNanos(time)));
        } catch (CancellationException e) {
            throw Interrupts.forThread(me, e);
        }
    }

    /**
     * Releases the lock (one hold of an {@link RLock}); the first waiter still waiting becomes
     * the owner. Never blocks.
     *
     * @throws IllegalMonitorStateException if the caller does not hold the lock
     */
    @Override
    public void unlock() {
        Party me = Party.current();
        if (point.holder() != me) {
            requireOwner(me, "release");   // throws
        }
        if (--holds > 0) {
            return;
        }
        Parking.released(me, point);
        release(me);
    }

    /** The owner lets go of its last hold: hands the lock on, or frees it. */
    private void release(Party me) {
        if (waiting == 0) {
            point.setHolder(null);
            if (waiting == 0) {
                return;   // a waiter arriving from now on finds the lock free
            }
        }
        releaseContended(me);
    }

    /** Someone waits, or came while {@code me} freed the lock: hands the lock on. */
    private void releaseContended(Party me) {
        synchronized (point) {
            // Still ours (nobody else can take a held lock), or freed just now: then it is
            // claimed back first, by CAS, because a newcomer's fast path claims a free lock
            // without the monitor, and a plain hand-off over it would give the lock to two
            // owners. If the newcomer won, it holds the lock and hands it on at its release
            // (it sees the waiters); with nobody left, handOff frees it.
            if (point.holder() == me || point.tryClaim(me)) {
                handOff();
            }
        }
    }

    /**
     * Returns a new condition bound to this lock; see {@link Condition}.
     */
    @Override
    public Condition newCondition() {
        return new Condition(this);
    }

    // ---- state ---------------------------------------------------------------------------------

    /** Returns whether some task or thread holds the lock. */
    public boolean isLocked() {
        return point.holder() != null;
    }

    /** Returns whether the calling task (or plain thread) holds the lock. */
    public boolean isHeldByCaller() {
        return point.holder() == Party.current();
    }

    /** Returns how many holds {@code party} has: zero unless it owns the lock. */
    int holdsOf(Party party) {
        return point.holder() == party ? holds : 0;
    }

    /** Returns how many tasks or threads wait for the lock. */
    public int waiting() {
        synchronized (point) {
            return waiters.size();
        }
    }

    /** Returns the name given at creation, or null. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        String kind = getClass().getSimpleName() + (name == null ? "" : " \"" + name + "\"");
        synchronized (point) {
            Party owner = point.holder();
            return kind + "[" + (owner == null ? "unlocked"
                    : "held by " + Parking.describe(owner)
                    + (holds > 1 ? " (" + holds + " holds)" : ""))
                    + ", " + waiters.size() + " waiting]";
        }
    }

    // ---- for Condition -------------------------------------------------------------------------

    /** Releases every hold of the caller and returns how many there were. */
    int releaseAll(Party me) {
        requireOwner(me, "wait on a condition of");
        int released = holds;
        holds = 0;
        Parking.released(me, point);
        release(me);
        return released;
    }

    /** Takes the lock back with {@code savedHolds} holds, whatever cancellation is pending. */
    void reacquire(Party me, int savedHolds) {
        Waiter waiter = claimOrEnqueue(Waiter.uncancellable(me, point));
        if (waiter != null) {
            try {
                Parking.awaitUncancellable(waiter);
            } finally {
                if (!waiter.isGranted()) {
                    withdraw(waiter);
                }
            }
        }
        holds = savedHolds;
        Parking.acquired(me, point);
    }

    /** Throws unless {@code me} holds the lock. */
    void requireOwner(Party me, String action) {
        Party owner = point.holder();
        if (owner != me) {
            throw new IllegalMonitorStateException(Parking.describe(me) + " cannot " + action
                    + " " + this + (owner == null ? ": it is not locked"
                    : ": only its owner may"));
        }
    }

    // ---- the mechanism -------------------------------------------------------------------------

    /** Acquires with a timeout (negative: none; zero: do not wait); returns whether it did. */
    private boolean acquire(Party me, long timeoutNanos) {
        point.touch(me);
        if (point.tryClaim(me)) {
            holds = 1;
            Parking.acquired(me, point);
            return true;
        }
        return acquireContended(me, timeoutNanos);
    }

    /**
     * The lock was not free: a re-acquisition, a refusal, or a wait. Apart from
     * {@link #acquire}, so that the uncontended path stays small enough to be inlined.
     */
    private boolean acquireContended(Party me, long timeoutNanos) {
        if (point.holder() == me) {   // only the caller could change that
            if (reentrant()) {
                holds++;
                return true;
            }
            if (timeoutNanos >= 0) {
                return false;   // a try: "not available", as j.u.c.locks.Lock says; only a
            }                   // wait with no end is the certain deadlock reported below
            throw Parking.selfDeadlock(getClass().getSimpleName()
                    + (name == null ? "" : " \"" + name + "\"") + " is not reentrant and "
                    + Parking.describe(me) + " already holds it; use RLock to acquire it again");
        }
        if (timeoutNanos == 0) {
            return false;
        }
        Waiter waiter = claimOrEnqueue(new Waiter(me, point, 1));
        if (waiter != null) {
            boolean granted = false;
            try {
                granted = Parking.await(waiter, timeoutNanos);
            } finally {
                if (!granted) {
                    withdraw(waiter);
                }
            }
            if (!granted) {
                return false;
            }
        }
        holds = 1;
        Parking.acquired(me, point);
        return true;
    }

    /**
     * Queues {@code waiter} and looks at the owner once more (see "How it works"): returns null
     * if the lock turned out free and the waiter's party claimed it, else the queued waiter.
     */
    private Waiter claimOrEnqueue(Waiter waiter) {
        synchronized (point) {
            waiters.add(waiter);
            waiting = waiters.size();
            if (point.tryClaim(waiter.party())) {
                waiters.remove(waiter);
                waiting = waiters.size();
                return null;
            }
            return waiter;
        }
    }

    private void withdraw(Waiter waiter) {
        synchronized (point) {
            waiters.remove(waiter);
            waiting = waiters.size();
        }
    }

    /** Under the guard: gives the lock to the first waiter still waiting, or frees it. */
    private void handOff() {
        Waiter next;
        while ((next = waiters.pollFirst()) != null) {
            point.setHolder(next.party());   // before the grant: the new owner may run at once
            if (next.grant()) {
                waiting = waiters.size();
                return;
            }
        }
        waiting = 0;
        point.setHolder(null);
    }
}
