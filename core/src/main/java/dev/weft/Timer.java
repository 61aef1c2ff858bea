package dev.weft;

import dev.weft.internal.loop.LoopTimer;

/**
 * A callback scheduled on a loop at a deadline of the loop's {@link Clock}, returned by
 * {@link Loop#callLater} and {@link Loop#callAt}; {@link #cancel()} withdraws it.
 *
 * <p><b>Thread safety:</b> {@link #cancel()} may be called from any thread.
 */
public final class Timer {
    private final LoopTimer timer;

    Timer(LoopTimer timer) {
        this.timer = timer;
    }

    /** Returns the deadline, in the loop clock's {@link Clock#nanoTime()} scale. */
    public long deadline() {
        return timer.deadline();
    }

    /** Returns whether {@link #cancel()} was called before the timer fired. */
    public boolean isCancelled() {
        return timer.isCancelled();
    }

    /**
     * Withdraws the timer if it has not fired yet; does nothing otherwise. Never blocks.
     *
     * @return whether this call stopped the timer from firing
     */
    public boolean cancel() {
        return timer.cancel();
    }

    @Override
    public String toString() {
        return timer.toString();
    }
}
