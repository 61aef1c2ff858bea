package dev.weft;

import dev.weft.internal.WaitTarget;
import java.util.ArrayList;
import java.util.List;

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
    // The task's own thread, and the loop thread once the task has finished. Each entry is the
    // lock itself, or a Held with the site when sites are recorded: no allocation by default.
    private final List<Object> held = new ArrayList<>(2);

    /** A lock the task holds, and where it took it. */
    record Held(WaitTarget lock, Throwable site) {}

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

    void acquired(WaitTarget lock) {
        held.add(RECORD_SITES ? new Held(lock, new Throwable("acquired here")) : lock);
    }

    void released(WaitTarget lock) {
        for (int i = held.size() - 1; i >= 0; i--) {
            Object entry = held.get(i);
            if (entry == lock || entry instanceof Held h && h.lock() == lock) {
                held.remove(i);
                return;
            }
        }
    }

    /** The locks held, each with its site when sites are recorded (else a null site). */
    List<Held> held() {
        var locks = new ArrayList<Held>(held.size());
        for (Object entry : held) {
            locks.add(entry instanceof Held h ? h : new Held((WaitTarget) entry, null));
        }
        return locks;
    }

    boolean holdsAny() {
        return !held.isEmpty();
    }
}
