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

package dev.weft;

import java.time.Duration;
import java.util.Objects;

/**
 * How to build a {@link Loop}: its name, clock, exception handler, watchdog and what it does when
 * it stalls. Immutable; each {@code withX} returns a changed copy.
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
 * @param stallPolicy what the loop does when every task waits on things only it seems able to
 *     end; see {@link StallPolicy}
 * @param stallGrace how long (real time) a stall, or a virtual clock that cannot jump, lasts
 *     before it is reported
 */
public record LoopOptions(String name, Clock clock, ExceptionHandler exceptionHandler,
        Duration watchdog, StallPolicy stallPolicy, Duration stallGrace) {

    /** The watchdog threshold that {@code -Dweft.debug=true} turns on. */
    public static final Duration DEFAULT_WATCHDOG = Duration.ofMillis(100);

    /** How long a stall lasts before it is reported, unless {@link #withStallGrace} says. */
    public static final Duration DEFAULT_STALL_GRACE = Duration.ofSeconds(1);

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the watchdog threshold is not positive, or the stall
     *     grace is negative
     */
    public LoopOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(exceptionHandler, "exceptionHandler");
        Objects.requireNonNull(stallPolicy, "stallPolicy");
        Objects.requireNonNull(stallGrace, "stallGrace");
        if (stallGrace.isNegative()) {
            throw new IllegalArgumentException("stall grace must not be negative: " + stallGrace);
        }
        if (watchdog != null && (watchdog.isNegative() || watchdog.isZero())) {
            throw new IllegalArgumentException("watchdog threshold must be positive: " + watchdog);
        }
    }

    /**
     * Returns options with a generated name, the system clock, the logging handler, and stalls
     * {@linkplain StallPolicy#REPORT reported} after {@link #DEFAULT_STALL_GRACE}. The watchdog
     * is off, unless the JVM runs with {@code -Dweft.watchdog=<milliseconds>} or
     * {@code -Dweft.debug=true} (100 ms).
     */
    public static LoopOptions defaults() {
        return new LoopOptions(null, Clock.system(), ExceptionHandler.logging(),
                watchdogFromProperties(), StallPolicy.REPORT, DEFAULT_STALL_GRACE);
    }

    /** Returns a copy with another name. */
    public LoopOptions withName(String name) {
        return new LoopOptions(Objects.requireNonNull(name, "name"), clock, exceptionHandler,
                watchdog, stallPolicy, stallGrace);
    }

    /** Returns a copy with another clock. */
    public LoopOptions withClock(Clock clock) {
        return new LoopOptions(name, clock, exceptionHandler, watchdog, stallPolicy, stallGrace);
    }

    /** Returns a copy with another exception handler. */
    public LoopOptions withExceptionHandler(ExceptionHandler exceptionHandler) {
        return new LoopOptions(name, clock, exceptionHandler, watchdog, stallPolicy, stallGrace);
    }

    /**
     * Returns a copy whose loop meets a stall as {@code policy} says: reported and waited out
     * ({@link StallPolicy#REPORT}, the default), or failed at once in every stalled wait, for a
     * loop that is a closed world ({@link StallPolicy#FAIL}).
     */
    public LoopOptions withStallPolicy(StallPolicy policy) {
        return new LoopOptions(name, clock, exceptionHandler, watchdog,
                Objects.requireNonNull(policy, "policy"), stallGrace);
    }

    /**
     * Returns a copy whose loop reports a stall (and a virtual clock that cannot jump because
     * some task waits on something outside the loop) once it has lasted {@code grace} of real
     * time.
     *
     * @throws IllegalArgumentException if the grace is negative
     */
    public LoopOptions withStallGrace(Duration grace) {
        return new LoopOptions(name, clock, exceptionHandler, watchdog, stallPolicy,
                Objects.requireNonNull(grace, "grace"));
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
                Objects.requireNonNull(threshold, "threshold"), stallPolicy, stallGrace);
    }

    /** Returns a copy whose loop has no watchdog. */
    public LoopOptions withoutWatchdog() {
        return new LoopOptions(name, clock, exceptionHandler, null, stallPolicy, stallGrace);
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
