package dev.weft;

import java.util.Objects;

/**
 * How to build a {@link Loop}: its name, clock and exception handler. Immutable; each
 * {@code withX} returns a changed copy.
 *
 * {@snippet :
 * try (var loop = new Loop(LoopOptions.defaults().withName("crawler"))) {
 *     loop.run(() -> crawl());
 * }
 * }
 *
 * @param name the loop's name, used for its thread and in messages; null picks {@code weft-N}
 * @param clock the time source of the loop's timers
 * @param exceptionHandler where problems nobody can catch are reported
 */
public record LoopOptions(String name, Clock clock, ExceptionHandler exceptionHandler) {

    /** Checks the components. */
    public LoopOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(exceptionHandler, "exceptionHandler");
    }

    /** Returns options with a generated name, the system clock and the logging handler. */
    public static LoopOptions defaults() {
        return new LoopOptions(null, Clock.system(), ExceptionHandler.logging());
    }

    /** Returns a copy with another name. */
    public LoopOptions withName(String name) {
        return new LoopOptions(Objects.requireNonNull(name, "name"), clock, exceptionHandler);
    }

    /** Returns a copy with another clock. */
    public LoopOptions withClock(Clock clock) {
        return new LoopOptions(name, clock, exceptionHandler);
    }

    /** Returns a copy with another exception handler. */
    public LoopOptions withExceptionHandler(ExceptionHandler exceptionHandler) {
        return new LoopOptions(name, clock, exceptionHandler);
    }
}
