package dev.weft.internal.park;

import java.time.Duration;
import java.util.Objects;

/**
 * Checks and converts the durations Weft accepts.
 *
 * <p>Not part of Weft's API.
 */
public final class Durations {
    private Durations() {}

    /**
     * Returns the duration in nanoseconds, saturated at {@link Long#MAX_VALUE}.
     *
     * @throws IllegalArgumentException if it is negative
     */
    public static long toNanos(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + duration);
        }
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** Adds without overflow. */
    public static long deadline(long now, long nanos) {
        long sum = now + nanos;
        return ((now ^ sum) & (nanos ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
