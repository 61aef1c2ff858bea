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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One party (a task or a plain thread) waiting on a Weft primitive. The primitive keeps its
 * waiters in a {@link WaitList}, in arrival order; whoever releases the primitive
 * {@linkplain #grant() grants} the first waiter, and a waiter that gives up (cancelled, timed
 * out) {@linkplain #abandon() abandons} itself. Exactly one of the two succeeds, which is why no
 * wake-up is ever lost and no permit, item or ownership is ever handed to a party that left.
 *
 * <p>A party waiting on several primitives at once (a {@code select} over queues) has one waiter
 * per primitive, made with {@link #alsoOn}; they share one outcome, so only one primitive can
 * grant the wait.
 *
 * <p>Not part of Weft's API.
 */
public final class Waiter {
    /* How it works: `outcome` lives in the claim (the first waiter of a party's wait; itself for
     * an ordinary wait) and goes, once and by CAS, from null (waiting) to ABANDONED or to the
     * waiter node that was granted. The granter writes its node's `item` before the CAS, so the
     * CAS publishes it, and granters of different nodes never write the same field. The links
     * belong to the WaitList and are guarded by the lock of the primitive that owns the list. */

    private static final Object ABANDONED = new Object();
    private static final VarHandle OUTCOME;

    static {
        try {
            OUTCOME = MethodHandles.lookup().findVarHandle(Waiter.class, "outcome", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread thread;
    private final Party party;
    private final WaitTarget target;
    private final Waiter claim;        // where the outcome lives
    private final long amount;         // what the waiter asks for: permits; 1 elsewhere
    private final Object payload;      // what the waiter brings: a put's item, or null
    private final boolean cancellable; // false: granted even to a cancelled party
    private volatile Object outcome;   // in the claim only; any thread; CAS
    private Object item;               // written by this node's granter before the CAS
    Waiter previous;                   // guarded by the owning primitive's lock
    Waiter next;                       // guarded by the owning primitive's lock
    boolean linked;                    // guarded by the owning primitive's lock

    /**
     * Creates the waiter of the calling thread.
     *
     * @param party the calling task or thread, as {@link Party#current()} returns it
     * @param target what it waits on, named in dumps and deadlock reports
     * @param amount how much it asks for (permits of a semaphore), 1 where that means nothing
     */
    public Waiter(Party party, WaitTarget target, long amount) {
        this(party, target, amount, null);
    }

    /** Creates the waiter of the calling thread, bringing {@code payload} (a put's item). */
    public Waiter(Party party, WaitTarget target, long amount, Object payload) {
        this(party, target, amount, payload, true);
    }

    private Waiter(Party party, WaitTarget target, long amount, Object payload,
            boolean cancellable) {
        this.cancellable = cancellable;
        this.thread = Thread.currentThread();
        this.party = party;
        this.target = target;
        this.amount = amount;
        this.payload = payload;
        this.claim = this;
    }

    private Waiter(Waiter claim, WaitTarget target) {
        this.cancellable = claim.cancellable;
        this.thread = claim.thread;
        this.party = claim.party;
        this.target = target;
        this.amount = claim.amount;
        this.payload = null;
        this.claim = claim;
    }

    /**
     * Creates the waiter of a calling party that will wait with
     * {@link Parking#awaitUncancellable}: it is granted even when the party is cancelled, since
     * it will not give up.
     */
    public static Waiter uncancellable(Party party, WaitTarget target) {
        return new Waiter(party, target, 1, null, false);
    }

    /** Returns a waiter for the same wait on another target: one grant ends them all. */
    public Waiter alsoOn(WaitTarget other) {
        return new Waiter(claim, other);
    }

    /** Returns the waiting thread. */
    public Thread thread() {
        return thread;
    }

    /** Returns the waiting task, or the waiting thread when it is not a task. */
    public Party party() {
        return party;
    }

    /** Returns what this waiter waits on. */
    public WaitTarget target() {
        return target;
    }

    /** Returns how much the waiter asks for. */
    public long amount() {
        return amount;
    }

    /** Returns what the waiter brings, such as the item of a waiting put. */
    public Object payload() {
        return payload;
    }

    /**
     * Grants the wait and wakes the waiter, unless it has abandoned the wait, another target
     * granted it first, or the party has been cancelled (it is about to give up; what was meant
     * for it goes to the next waiter instead).
     *
     * @return whether the grant happened; if false, offer what was meant for it to the next
     */
    public boolean grant() {
        return grant(null);
    }

    /** Grants the wait handing {@code value} to the waiter (a queue's item); see {@link #grant()}. */
    public boolean grant(Object value) {
        Waiter shared = claim;
        if (shared.outcome != null || cancellable && party.isCancelling()) {
            return false;   // a cancelled party is about to give up: serve the next one
        }
        item = value;
        if (!OUTCOME.compareAndSet(shared, null, this)) {
            item = null;
            return false;
        }
        LockSupport.unpark(thread);
        return true;
    }

    /**
     * Gives up the wait; called by the waiting thread when it is cancelled or times out.
     *
     * @return false if the wait was granted first: the waiter then has what it asked for
     */
    public boolean abandon() {
        return OUTCOME.compareAndSet(claim, null, ABANDONED);
    }

    /** Returns whether the wait was granted. */
    public boolean isGranted() {
        return claim.outcome instanceof Waiter;
    }

    /** Returns whether the party still waits: neither granted nor abandoned. */
    public boolean isWaiting() {
        return claim.outcome == null;
    }

    /** Returns the waiter node that was granted (this one, or one made by {@link #alsoOn}). */
    public Waiter grantedNode() {
        return claim.outcome instanceof Waiter node ? node : null;
    }

    /** Returns the value handed over with the grant. */
    public Object item() {
        Waiter node = grantedNode();
        return node == null ? null : node.item;
    }

    @Override
    public String toString() {
        return party.describe() + " waiting on " + target;
    }
}
