package dev.weft.internal;

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
 * <p>Not part of Weft's API.
 */
public final class Waiter {
    /* How it works: `state` goes WAITING -> GRANTED or WAITING -> ABANDONED, once, by CAS. The
     * granter writes `item` before its CAS and the waiter reads it after seeing GRANTED, so the
     * CAS publishes the item. The links belong to the WaitList and are guarded by the lock of the
     * primitive that owns the list. */

    private static final int WAITING = 0;
    private static final int GRANTED = 1;
    private static final int ABANDONED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread thread = Thread.currentThread();
    private final Object party;
    private final WaitTarget target;
    private volatile int state;      // any thread; CAS
    private Object item;             // written before the grant, read after it
    private final long amount;       // what the waiter asks for: permits; 1 elsewhere
    Waiter previous;                 // guarded by the owning primitive's lock
    Waiter next;                     // guarded by the owning primitive's lock
    boolean linked;                  // guarded by the owning primitive's lock

    /**
     * Creates the waiter of the calling thread.
     *
     * @param party the calling task or thread, as {@link Parking#currentParty()} returns it
     * @param target what it waits on, named in dumps and deadlock reports
     * @param amount how much it asks for (permits of a semaphore), 1 where that means nothing
     */
    public Waiter(Object party, WaitTarget target, long amount) {
        this.party = party;
        this.target = target;
        this.amount = amount;
    }

    /** Returns the waiting thread. */
    public Thread thread() {
        return thread;
    }

    /** Returns the waiting task, or the waiting thread when it is not a task. */
    public Object party() {
        return party;
    }

    /** Returns what the waiter waits on. */
    public WaitTarget target() {
        return target;
    }

    /** Returns how much the waiter asks for. */
    public long amount() {
        return amount;
    }

    /**
     * Grants the wait and wakes the waiter, unless it has abandoned the wait.
     *
     * @return whether the grant happened; if false, offer what was meant for it to the next
     */
    public boolean grant() {
        return grant(null);
    }

    /** Grants the wait with {@code value} handed to the waiter (a queue's item); see {@link #grant()}. */
    public boolean grant(Object value) {
        if (state != WAITING) {
            return false;
        }
        item = value;
        if (!STATE.compareAndSet(this, WAITING, GRANTED)) {
            item = null;
            return false;
        }
        LockSupport.unpark(thread);
        return true;
    }

    /**
     * Gives up the wait; called by the waiting thread when it is cancelled or times out.
     *
     * @return false if the wait was granted first: the waiter then holds what it asked for
     */
    public boolean abandon() {
        return STATE.compareAndSet(this, WAITING, ABANDONED);
    }

    /** Returns whether the wait was granted. */
    public boolean isGranted() {
        return state == GRANTED;
    }

    /** Returns whether the waiter still waits: neither granted nor abandoned. */
    public boolean isWaiting() {
        return state == WAITING;
    }

    /** Returns the value handed over with the grant. */
    public Object item() {
        return item;
    }

    @Override
    public String toString() {
        return Parties.describe(party) + " waiting on " + target;
    }
}
