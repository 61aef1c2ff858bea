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

import dev.weft.internal.park.Interrupts;
import dev.weft.internal.park.Parking;
import dev.weft.internal.park.WaitList;
import dev.weft.internal.park.WaitPoint;
import dev.weft.internal.park.Waiter;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks: Python's {@code threading.Condition} and asyncio's
 * {@code Condition}, with the full {@link java.util.concurrent.locks.Condition} contract. A task
 * holding the condition's lock waits for a signal, releasing the lock meanwhile and holding it
 * again when the wait ends, however it ends.
 *
 * {@snippet :
 * var ready = new Condition();            // with a new Lock of its own
 * // consumer
 * ready.lock();
 * try {
 *     ready.await(() -> !items.isEmpty());  // checks, waits for a signal, checks again
 *     use(items.removeFirst());
 * } finally {
 *     ready.unlock();
 * }
 * // producer
 * ready.lock();
 * try {
 *     items.add(item);
 *     ready.signal();
 * } finally {
 *     ready.unlock();
 * }
 * }
 *
 * <p>Signals wake waiters in arrival order. A signal meant for a waiter that was cancelled or
 * timed out meanwhile passes to the next one, so none is lost.
 *
 * <p><b>Cancellation:</b> every wait is a {@linkplain dev.weft cancellation point}. A cancelled
 * task gets {@link CancellationException} (an interrupted plain thread gets
 * {@link InterruptedException} from the methods that declare it), after it holds the lock again.
 *
 * <p><b>Thread safety:</b> thread-safe; tasks of several loops and plain threads may share it.
 *
 * <p><b>Serialization:</b> not {@link java.io.Serializable}, unlike the JDK's locks and
 * synchronizers: a primitive belongs to the tasks of a running program, and its waiters are not
 * state that could be restored. Serializing one fails with {@link
 * java.io.NotSerializableException}.
 */
public final class Condition implements java.util.concurrent.locks.Condition {
    private final OwnedLock lock;
    private final WaitPoint point = new WaitPoint(this);
    private final WaitList waiters = new WaitList();   // guarded by point

    /** Creates a condition with a new {@link Lock} of its own. */
    public Condition() {
        this(new Lock());
    }

    /** Creates a condition bound to {@code lock}. */
    public Condition(Lock lock) {
        this((OwnedLock) Objects.requireNonNull(lock, "lock"));
    }

    /** Creates a condition bound to a reentrant {@code lock}; a wait releases every hold. */
    public Condition(RLock lock) {
        this((OwnedLock) Objects.requireNonNull(lock, "lock"));
    }

    Condition(OwnedLock lock) {
        this.lock = lock;
    }

    /** Acquires the condition's lock; see {@link Lock#lock()}. */
    public void lock() {
        lock.lock();
    }

    /** Releases the condition's lock; see {@link Lock#unlock()}. */
    public void unlock() {
        lock.unlock();
    }

    /**
     * Waits until {@code predicate} holds, checking it first and again after each signal, with
     * the lock held: Python's {@code wait_for}. Bound the wait with {@code Weft.timeout}. This is
     * a {@linkplain dev.weft cancellation point}.
     *
     * @throws IllegalMonitorStateException if the caller does not hold the lock
     * @throws CancellationException if the caller is cancelled (it holds the lock again)
     */
    public void await(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        Party me = Party.current();
        me.checkpoint();
        while (!predicate.getAsBoolean()) {
            awaitSignal(me, -1);
            me.checkpoint();
        }
    }

    /**
     * Waits for a signal. This is a {@linkplain dev.weft cancellation point}.
     *
     * @throws IllegalMonitorStateException if the caller does not hold the lock
     * @throws InterruptedException if the waiting plain thread is interrupted
     */
    @Override
    public void await() throws InterruptedException {
        awaitInterruptibly(-1);
    }

    /** Waits for a signal; a cancellation meanwhile applies at the next cancellation point. */
    @Override
    public void awaitUninterruptibly() {
        Party me = Party.current();
        lock.requireOwner(me, "wait on a condition of");
        Waiter waiter = enqueue(Waiter.uncancellable(me, point));
        int holds = lock.releaseAll(me);
        try {
            Parking.awaitUncancellable(waiter);
        } finally {
            withdraw(waiter);
            lock.reacquire(me, holds);
        }
    }

    /**
     * Waits for a signal for at most {@code nanosTimeout}, on the waiting task's loop clock.
     *
     * @return an estimate of the time left; zero or less if the time ran out
     * @throws InterruptedException if the waiting plain thread is interrupted
     */
    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long deadline = Parking.nanoTime(Party.current()) + Math.max(0, nanosTimeout);
        awaitInterruptibly(Math.max(0, nanosTimeout));
        return deadline - Parking.nanoTime(Party.current());
    }

    /**
     * Waits for a signal for at most {@code time}, on the waiting task's loop clock.
     *
     * @return false if the time ran out first
     * @throws InterruptedException if the waiting plain thread is interrupted
     */
    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return awaitInterruptibly(Math.max(0, unit.toNanos(time)));
    }

    /**
     * Waits for a signal until the wall-clock {@code deadline}.
     *
     * @return false if the deadline passed first
     * @throws InterruptedException if the waiting plain thread is interrupted
     */
    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        long millis = deadline.getTime() - System.currentTimeMillis();
        return awaitInterruptibly(TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis)));
    }

    /**
     * Wakes the longest-waiting task, if any. Never blocks.
     *
     * @throws IllegalMonitorStateException if the caller does not hold the lock
     */
    @Override
    public void signal() {
        Party me = Party.current();
        lock.requireOwner(me, "signal a condition of");
        synchronized (point) {
            point.touch(me);
            waiters.grantFirst(null);
        }
    }

    /**
     * Wakes every waiting task. Never blocks.
     *
     * @throws IllegalMonitorStateException if the caller does not hold the lock
     */
    @Override
    public void signalAll() {
        Party me = Party.current();
        lock.requireOwner(me, "signal a condition of");
        synchronized (point) {
            point.touch(me);
            waiters.grantAll(null);
        }
    }

    /** Returns how many tasks or threads wait for a signal. */
    public int waiting() {
        synchronized (point) {
            return waiters.size();
        }
    }

    @Override
    public String toString() {
        return "Condition[" + waiting() + " waiting, on " + lock + "]";
    }

    private boolean awaitInterruptibly(long timeoutNanos) throws InterruptedException {
        Party me = Party.current();
        try {
            me.checkpoint();
            return awaitSignal(me, timeoutNanos);
        } catch (CancellationException e) {
            throw Interrupts.forThread(me, e);
        }
    }

    /** Releases the lock, waits for a signal, takes the lock back; returns whether signalled. */
    private boolean awaitSignal(Party me, long timeoutNanos) {
        lock.requireOwner(me, "wait on a condition of");
        Waiter waiter = enqueue(new Waiter(me, point, 1));
        int holds = lock.releaseAll(me);
        boolean signalled = false;
        try {
            signalled = Parking.await(waiter, timeoutNanos);
            return signalled;
        } finally {
            if (!signalled) {
                withdraw(waiter);
            }
            lock.reacquire(me, holds);
        }
    }

    private Waiter enqueue(Waiter waiter) {
        synchronized (point) {
            point.touch(waiter.party());
            waiters.add(waiter);
        }
        return waiter;
    }

    private void withdraw(Waiter waiter) {
        synchronized (point) {
            waiters.remove(waiter);
        }
    }
}
