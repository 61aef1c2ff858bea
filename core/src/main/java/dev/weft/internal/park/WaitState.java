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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a party waits on and which locks it holds, for deadlock walks and reports. A task creates
 * its own on its first wait on a Weft primitive or task, so tasks that never wait pay nothing.
 *
 * <p>Not part of Weft's API.
 */
public final class WaitState {
    /** Whether lock owners record where they acquired a lock: {@code -Dweft.debug=true}. */
    public static final boolean RECORD_SITES = Boolean.getBoolean("weft.debug");

    private static final VarHandle BLOCKED_ON;

    static {
        try {
            BLOCKED_ON = MethodHandles.lookup()
                    .findVarHandle(WaitState.class, "blockedOn", Waiter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // What the party waits on; null when running. Written by the party's own thread, read by
    // any thread (deadlock walks, reports).
    private volatile Waiter blockedOn;
    // Whether that wait has a timeout. Written before blockedOn, which publishes it; a walk that
    // reads a stale value only misjudges a chain that is changing anyway.
    private boolean timedWait;
    private volatile DeadlockException deadlock;     // set by the loop thread, taken by the task
    public final HeldLocks held = new HeldLocks();          // the task's own thread, then its loop

    /** Creates the state of a party that waits on nothing yet. */
    public WaitState() {}

    /**
     * Own thread: the party starts waiting on {@code blocker}. When a deadlock walk follows
     * ({@code walked}), the write is a full volatile one, so that of two tasks closing a cycle at
     * once at least one sees the other's edge; otherwise an ordered write is enough.
     */
    void waitOn(Waiter blocker, boolean timed, boolean walked) {
        timedWait = timed;
        if (walked) {
            blockedOn = blocker;
        } else {
            BLOCKED_ON.setRelease(this, blocker);
        }
    }

    /** Own thread: the wait is over. */
    void stopWaiting() {
        BLOCKED_ON.setRelease(this, null);
    }

    /** Any thread: what the task waits on now, or null. */
    public Waiter blockedOn() {
        return blockedOn;
    }

    /** Any thread: whether the task's current wait has a timeout. */
    public boolean timedWait() {
        return timedWait;
    }

    /** Loop thread: makes the party's current wait end with {@code failure}. */
    public void failWait(DeadlockException failure) {
        deadlock = failure;
    }

    /** Own thread: returns and clears the failure set by {@link #failWait}, or null. */
    DeadlockException takeDeadlock() {
        DeadlockException failure = deadlock;
        if (failure != null) {
            deadlock = null;
        }
        return failure;
    }
}
