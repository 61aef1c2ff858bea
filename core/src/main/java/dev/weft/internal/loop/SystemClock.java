package dev.weft.internal.loop;

import dev.weft.Clock;

/**
 * Real monotonic time, {@link System#nanoTime()}: the default clock of every loop.
 *
 * <p>Not part of Weft's API.
 */
public enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "SystemClock";
    }
}
