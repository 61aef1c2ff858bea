package dev.weft;

import dev.weft.internal.HeldLocks;

/**
 * What a task waits on and which locks it holds, for deadlock reports: created on the task's
 * first wait on a Weft primitive or task, so tasks that never wait pay nothing for it.
 */
final class TaskWaitState {
    /** Whether lock owners record where they acquired a lock: {@code -Dweft.debug=true}. */
    static final boolean RECORD_SITES = Boolean.getBoolean("weft.debug");

    volatile Object blockedOn;                       // any thread reads; the task's thread writes:
                                                     // a Waiter, a Task it joins, or another blocker
    volatile boolean timedWait;                      // the task's own thread: waits with a timeout
    private volatile DeadlockException deadlock;     // set by the loop thread, taken by the task
    final HeldLocks held = new HeldLocks();          // the task's own thread, then its loop

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
