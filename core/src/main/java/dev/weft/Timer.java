package dev.weft;

import java.util.Objects;

/**
 * A callback scheduled on a loop at a deadline of the loop's {@link Clock}, returned by
 * {@link Loop#callLater} and {@link Loop#callAt}; {@link #cancel()} withdraws it.
 *
 * <p><b>Thread safety:</b> {@link #cancel()} may be called from any thread.
 */
public final class Timer extends TimerEntry {
    /* How it works: timers live in the loop's TimerHeap, which only the loop thread touches; the
     * heap index lets a cancel remove the timer at once (timeouts that end early are the common
     * case). A cancel from another thread marks the timer, so it can no longer fire, and posts
     * the removal to the loop. */

    private final Loop loop;
    private final long deadline;
    private final Object action;          // a Runnable to run, or a Thread to unpark
    private volatile boolean cancelled;   // any thread
    private boolean fired;                // loop thread only

    Timer(Loop loop, long deadline, Runnable action) {
        this(loop, deadline, (Object) Objects.requireNonNull(action, "action"));
    }

    /** A timer that unparks {@code thread}: the cheapest way for a task to wait with a limit. */
    Timer(Loop loop, long deadline, Thread thread) {
        this(loop, deadline, (Object) thread);
    }

    private Timer(Loop loop, long deadline, Object action) {
        this.loop = loop;
        this.deadline = deadline;
        this.action = action;
    }

    /** Returns the deadline, in the loop clock's {@link Clock#nanoTime()} scale. */
    public long deadline() {
        return deadline;
    }

    /** Returns whether {@link #cancel()} was called before the timer fired. */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Withdraws the timer if it has not fired yet; does nothing otherwise. Never blocks.
     *
     * @return whether this call stopped the timer from firing
     */
    public boolean cancel() {
        if (cancelled || fired) {
            return false;
        }
        cancelled = true;
        loop.timerCancelled(this);
        return true;
    }

    /** Runs the action on the loop thread, unless cancelled. */
    @Override
    void fire() {
        if (!cancelled) {
            fired = true;
            if (action instanceof Thread thread) {
                java.util.concurrent.locks.LockSupport.unpark(thread);
            } else {
                ((Runnable) action).run();
            }
        }
    }

    boolean hasFired() {
        return fired;
    }

    @Override
    public String toString() {
        return "Timer[" + (fired ? "fired" : cancelled ? "cancelled" : "pending") + " at "
                + deadline + "ns on " + loop.name() + "]";
    }
}
