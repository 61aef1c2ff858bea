package dev.weft;

import java.time.Duration;
import java.util.Objects;

/**
 * How to build a {@link Loop}: its name, clock, exception handler and watchdog. Immutable; each
 * {@code withX} returns a changed copy.
 *
 * {@snippet :
 * try (var loop = new Loop(LoopOptions.defaults().withName("crawler")
 *         .withWatchdog(Duration.ofMillis(50)))) {
 *     loop.run(() -> crawl());
 * }
 * }
 *
 * @param name the loop's name, used for its thread and in messages; null picks {@code weft-N}
 * @param clock the time source of the loop's timers
 * @param exceptionHandler where problems nobody can catch are reported
 * @param watchdog how long a task may hold the loop before the {@linkplain #withWatchdog
 *     watchdog} reports it, or null for no watchdog
 */
public record LoopOptions(String name, Clock clock, ExceptionHandler exceptionHandler,
        Duration watchdog) {

    /** The watchdog threshold that {@code -Dweft.debug=true} turns on. */
    public static final Duration DEFAULT_WATCHDOG = Duration.ofMillis(100);

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the watchdog threshold is not positive
     */
    public LoopOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(exceptionHandler, "exceptionHandler");
        if (watchdog != null && (watchdog.isNegative() || watchdog.isZero())) {
            throw new IllegalArgumentException("watchdog threshold must be positive: " + watchdog);
        }
    }

    /**
     * Returns options with a generated name, the system clock and the logging handler. The
     * watchdog is off, unless the JVM runs with {@code -Dweft.watchdog=<milliseconds>} or
     * {@code -Dweft.debug=true} (100 ms).
     */
    public static LoopOptions defaults() {
        return new LoopOptions(null, Clock.system(), ExceptionHandler.logging(),
                watchdogFromProperties());
    }

    /** Returns a copy with another name. */
    public LoopOptions withName(String name) {
        return new LoopOptions(Objects.requireNonNull(name, "name"), clock, exceptionHandler,
                watchdog);
    }

    /** Returns a copy with another clock. */
    public LoopOptions withClock(Clock clock) {
        return new LoopOptions(name, clock, exceptionHandler, watchdog);
    }

    /** Returns a copy with another exception handler. */
    public LoopOptions withExceptionHandler(ExceptionHandler exceptionHandler) {
        return new LoopOptions(name, clock, exceptionHandler, watchdog);
    }

    /**
     * Returns a copy whose loop has a watchdog: a task (or callback) that holds the loop's
     * thread longer than {@code threshold} without letting other tasks run is reported to the
     * exception handler with its name, for how long, and the stack where it is, like asyncio's
     * debug mode; so is a carrier blocked by file I/O, DNS or pinning. {@link Loop#blockingReport()}
     * then sums up where the loop was held. The cost is a few nanoseconds per task switch and
     * one shared platform thread that looks at the loops several times per threshold.
     *
     * @throws IllegalArgumentException if the threshold is not positive
     */
    public LoopOptions withWatchdog(Duration threshold) {
        return new LoopOptions(name, clock, exceptionHandler,
                Objects.requireNonNull(threshold, "threshold"));
    }

    /** Returns a copy whose loop has no watchdog. */
    public LoopOptions withoutWatchdog() {
        return new LoopOptions(name, clock, exceptionHandler, null);
    }

    private static Duration watchdogFromProperties() {
        String millis = System.getProperty("weft.watchdog");
        if (millis != null) {
            try {
                return Duration.ofMillis(Long.parseLong(millis.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-Dweft.watchdog must be a number of "
                        + "milliseconds, not \"" + millis + "\"", e);
            }
        }
        return Boolean.getBoolean("weft.debug") ? DEFAULT_WATCHDOG : null;
    }
}
