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

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The part of a primitive that waits see: the lock guarding its state, its {@link Affinity}, the
 * party holding it (for a lock), and its name in reports, which is the primitive's
 * {@code toString()}. Primitives synchronise on their wait point, which users never see, so
 * user code that synchronises on a primitive cannot interfere.
 *
 * <p>Not part of Weft's API.
 */
public final class WaitPoint implements WaitTarget {
    private static final java.lang.invoke.VarHandle HOLDER;

    static {
        try {
            HOLDER = java.lang.invoke.MethodHandles.lookup()
                    .findVarHandle(WaitPoint.class, "holder", Party.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object primitive;
    private final Supplier<String> name;   // null: the primitive's toString
    private final Affinity affinity;
    private volatile Party holder;    // any thread: set under this object's lock or by CAS
    WaitPoint heldPrevious;           // the holder's thread only; see HeldLocks
    WaitPoint heldNext;               // the holder's thread only; see HeldLocks
    Throwable heldSite;               // the holder's thread only; see HeldLocks
    private volatile Runnable holderEndedAction;   // set once by the primitive

    /** Creates the wait point of {@code primitive}, from the code that creates it. */
    public WaitPoint(Object primitive) {
        this(primitive, null, new Affinity());
    }

    /**
     * Creates the wait point of {@code primitive}, named in reports and dumps by {@code name}:
     * for a collection, whose {@code toString()} lists its contents rather than its state.
     */
    public WaitPoint(Object primitive, Supplier<String> name) {
        this(primitive, Objects.requireNonNull(name, "name"), new Affinity());
    }

    private WaitPoint(Object primitive, Supplier<String> name, Affinity affinity) {
        this.primitive = primitive;
        this.name = name;
        this.affinity = affinity;
    }

    /** Records a use by {@code party}; see {@link Affinity#touch}. */
    public void touch(Party party) {
        affinity.touch(party);
    }

    @Override
    public Party holder() {
        return holder;
    }

    /** Sets the party holding the primitive, or null. */
    public void setHolder(Party party) {
        holder = party;
    }

    /** Makes {@code party} the holder if nobody holds the primitive; returns whether it did. */
    public boolean tryClaim(Party party) {
        return holder == null && HOLDER.compareAndSet(this, null, party);
    }

    /**
     * Sets what to do when the holder ends while holding the primitive: a lock wakes its
     * waiters, so that they find the holder gone and report the deadlock.
     */
    public void onHolderEnded(Runnable action) {
        holderEndedAction = action;
    }

    /** The holder has ended while holding the primitive; called by the core. */
    public void holderEnded() {
        Runnable action = holderEndedAction;
        if (action != null) {
            action.run();
        }
    }

    /** Returns where the holder took the primitive, if that was recorded, else null. */
    public Throwable heldSite() {
        return heldSite;
    }

    @Override
    public boolean confinedTo(Home loop) {
        return affinity.confinedTo(loop);
    }

    /**
     * Parks {@code waiter}, which the caller added to {@code list} under this object's lock,
     * through {@link Parking#await}; a waiter that was not granted (it timed out, or the wait
     * threw) is taken out of the list again.
     *
     * @return whether the wait was granted
     */
    public boolean await(WaitList list, Waiter waiter, long timeoutNanos) {
        boolean granted = false;
        try {
            granted = Parking.await(waiter, timeoutNanos);
            return granted;
        } finally {
            if (!granted) {
                synchronized (this) {
                    list.remove(waiter);
                }
            }
        }
    }

    /**
     * Waits, as the calling party, until {@code done} holds: a cancellation point first, then
     * {@code done} checked under this object's lock, then a wait in {@code list} that whoever
     * makes {@code done} true must grant. For the simple "wait until" of an event, a finished
     * future or an empty queue.
     *
     * @param timeoutNanos the longest wait; negative for none, zero to look without waiting
     * @return whether {@code done} held (or the wait was granted) before the timeout
     */
    public boolean awaitUntil(java.util.function.BooleanSupplier done, WaitList list,
            long timeoutNanos) {
        Party me = Party.current();
        me.checkpoint();
        Waiter waiter;
        synchronized (this) {
            touch(me);
            if (done.getAsBoolean()) {
                return true;
            }
            if (timeoutNanos == 0) {
                return false;
            }
            waiter = new Waiter(me, this, 1);
            list.add(waiter);
        }
        return await(list, waiter, timeoutNanos);
    }

    @Override
    public String toString() {
        return name != null ? name.get() : primitive.toString();
    }
}
