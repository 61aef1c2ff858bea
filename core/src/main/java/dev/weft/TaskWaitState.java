package dev.weft;

import dev.weft.internal.HeldLocks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a task waits on and which locks it holds, for deadlock reports: created on the task's
 * first wait on a Weft primitive or task, so tasks that never wait pay nothing for it.
 */
final class TaskWaitState {
    /** Whether lock owners record where they acquired a lock: {@code -Dweft.debug=true}. */
    static final boolean RECORD_SITES = Boolean.getBoolean("weft.debug");

    private static final VarHandle BLOCKED_ON;

    static {
        try {
            BLOCKED_ON = MethodHandles.lookup()
                    .findVarHandle(TaskWaitState.class, "blockedOn", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // What the task waits on: a Waiter, a Task it joins, or another blocker; null when running.
    // Written by the task's own thread, read by any thread (deadlock walks, reports).
    private volatile Object blockedOn;
    // Whether that wait has a timeout. Written before blockedOn, which publishes it; a walk that
    // reads a stale value only misjudges a chain that is changing anyway.
    private boolean timedWait;
    private volatile DeadlockException deadlock;     // set by the loop thread, taken by the task
    final HeldLocks held = new HeldLocks();          // the task's own thread, then its loop

    /**
     * Own thread: the task starts waiting on {@code blocker}. When a deadlock walk follows
     * ({@code walked}), the write is a full volatile one, so that of two tasks closing a cycle at
     * once at least one sees the other's edge; otherwise an ordered write is enough.
     */
    void waitOn(Object blocker, boolean timed, boolean walked) {
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
    Object blockedOn() {
        return blockedOn;
    }

    /** Any thread: whether the task's current wait has a timeout. */
    boolean timedWait() {
        return timedWait;
    }

    /** Loop thread: makes the task's current wait end with {@code failure}. */
    void failWait(DeadlockException failure) {
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
