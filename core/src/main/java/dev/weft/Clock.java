package dev.weft;

import dev.weft.internal.loop.SystemClock;

/**
 * The time source of a loop: every Weft timer, {@link Weft#sleep sleep} and
 * {@link Weft#timeout timeout} on the loop reads it.
 *
 * <p>{@link #system()} is real monotonic time. Tests use {@code dev.weft.test.VirtualClock},
 * which jumps to the next timer whenever every task of the loop waits on Weft, so an hour of
 * timers runs in milliseconds. JDK timers ({@code Thread.sleep}, timed {@code j.u.c} waits,
 * socket timeouts) always follow real time.
 *
 * <p><b>Thread safety:</b> implementations must allow {@link #nanoTime()} from any thread.
 */
public interface Clock {

    /** Returns the current time in nanoseconds; only differences between values are meaningful. */
    long nanoTime();

    /**
     * Called by the loop, on its own thread, when every task of the loop waits on Weft and the
     * earliest timer is due at {@code deadline}; a clock that can jump moves to the deadline and
     * returns true, a real clock returns false and the loop waits for the time to pass.
     *
     * @param deadline the earliest pending timer, in this clock's {@link #nanoTime()} scale
     * @return whether the clock moved, so the loop should fire its timers now
     */
    default boolean jumpTo(long deadline) {
        return false;
    }

    /** Returns the real monotonic clock, {@link System#nanoTime()}. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
