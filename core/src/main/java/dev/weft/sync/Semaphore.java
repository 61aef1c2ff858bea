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

import dev.weft.Body;
import dev.weft.internal.park.Parking;
import dev.weft.internal.park.WaitList;
import dev.weft.internal.park.WaitPoint;
import dev.weft.internal.park.Waiter;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * A counter of permits that tasks wait on: Python's {@code threading.Semaphore} and asyncio's
 * {@code Semaphore}. The usual way to let at most N tasks into a section at once.
 *
 * {@snippet :
 * var connections = new Semaphore(10);
 * String page = connections.withPermit(() -> fetch(url));   // at most 10 fetches at once
 * }
 *
 * <p>Waiters get permits in arrival order: a task asking for several permits holds back the
 * tasks behind it until it has them all, so it cannot be starved.
 *
 * <p><b>Thread safety:</b> thread-safe; tasks of several loops and plain threads may share it.
 *
 * <p><b>Serialization:</b> not {@link java.io.Serializable}, unlike the JDK's locks and
 * synchronizers: a primitive belongs to the tasks of a running program, and its waiters are not
 * state that could be restored. Serializing one fails with {@link
 * java.io.NotSerializableException}.
 */
public sealed class Semaphore permits BoundedSemaphore {
    /* How it works: `point` guards `available` and the waiters. A release grants waiters from
     * the front while the first one's request fits, taking its permits out before the grant; a
     * waiter that gave up meanwhile fails the grant and its permits go back. */

    private final WaitPoint point = new WaitPoint(this);
    private final WaitList waiters = new WaitList();   // guarded by point
    private long available;                            // guarded by point

    /**
     * Creates a semaphore with {@code permits} permits.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public Semaphore(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        this.available = permits;
    }

    /**
     * Takes one permit, waiting for it if none is free. This is a
     * {@linkplain dev.weft cancellation point}; a cancelled waiter takes nothing.
     *
     * @throws CancellationException if the caller is cancelled
     */
    public void acquire() {
        acquire(1);
    }

    /**
     * Takes {@code permits} permits at once, waiting until they are all free. This is a
     * {@linkplain dev.weft cancellation point}; a cancelled waiter takes nothing.
     *
     * @throws IllegalArgumentException if {@code permits} is not positive
     * @throws CancellationException if the caller is cancelled
     */
    public void acquire(int permits) {
        requirePositive(permits);
        Party me = Party.current();
        me.checkpoint();
        Waiter waiter;
        synchronized (point) {
            point.touch(me);
            if (tryTake(permits)) {
                return;
            }
            waiter = new Waiter(me, point, permits);
            waiters.add(waiter);
        }
        boolean granted = false;
        try {
            granted = Parking.await(waiter, -1);
        } finally {
            if (!granted) {
                synchronized (point) {
                    waiters.remove(waiter);
                    grantWaiters();   // it may have held back smaller requests behind it
                }
            }
        }
    }

    /** Takes one permit if one is free and nobody waits; never waits. */
    public boolean tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Takes {@code permits} permits if they are free and nobody waits; never waits.
     *
     * @throws IllegalArgumentException if {@code permits} is not positive
     */
    public boolean tryAcquire(int permits) {
        requirePositive(permits);
        Party me = Party.current();
        synchronized (point) {
            point.touch(me);
            return tryTake(permits);
        }
    }

    /** Gives back one permit, waking a waiter whose request now fits. Never blocks. */
    public void release() {
        release(1);
    }

    /**
     * Gives back {@code permits} permits, waking waiters whose requests now fit. Never blocks.
     * Any task or thread may release, not only one that acquired.
     *
     * @throws IllegalArgumentException if {@code permits} is not positive
     * @throws IllegalStateException from a {@link BoundedSemaphore}, if the release would exceed
     *     its initial permits
     */
    public void release(int permits) {
        requirePositive(permits);
        Party me = Party.current();
        synchronized (point) {
            point.touch(me);
            checkRelease(available, permits);
            available += permits;
            grantWaiters();
        }
    }

    /** Under the guard: grants waiters from the front while the first one's request fits. */
    private void grantWaiters() {
        Waiter first;
        while ((first = waiters.first()) != null && first.amount() <= available) {
            waiters.pollFirst();
            available -= first.amount();
            if (!first.grant()) {
                available += first.amount();   // it gave up; the permits stay here
            }
        }
    }

    /**
     * Runs {@code body} holding one permit, released however the body ends. Acquiring is a
     * {@linkplain dev.weft cancellation point}.
     */
    public <T, X extends Exception> T withPermit(Body<T, X> body) throws X {
        Objects.requireNonNull(body, "body");
        acquire();
        try {
            return body.run();
        } finally {
            release();
        }
    }

    /** Returns how many permits are free now. */
    public int availablePermits() {
        synchronized (point) {
            return (int) Math.min(Integer.MAX_VALUE, available);
        }
    }

    /** Returns how many tasks or threads wait for permits. */
    public int waiting() {
        synchronized (point) {
            return waiters.size();
        }
    }

    @Override
    public String toString() {
        synchronized (point) {
            return getClass().getSimpleName() + "[" + available + " permits free, "
                    + waiters.size() + " waiting]";
        }
    }

    /** Under the guard: checks a release of {@code permits} onto {@code free} free permits. */
    void checkRelease(long free, int permits) {
        if (free + permits < free) {
            throw new IllegalStateException("releasing " + permits + " permits would overflow "
                    + this);
        }
    }

    private boolean tryTake(int permits) {
        if (waiters.isEmpty() && available >= permits) {
            available -= permits;
            return true;
        }
        return false;
    }

    private static void requirePositive(int permits) {
        if (permits <= 0) {
            throw new IllegalArgumentException("permits must be positive: " + permits);
        }
    }
}
