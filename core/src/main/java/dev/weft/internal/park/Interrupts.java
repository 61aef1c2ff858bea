package dev.weft.internal.park;

import java.util.concurrent.CancellationException;

/**
 * The JDK's interruptible methods ({@code lockInterruptibly}, {@code BlockingQueue.take}, ...)
 * promise {@link InterruptedException} to an interrupted thread; a cancelled task gets Weft's
 * {@link CancellationException}. This turns the one into the other for plain threads.
 *
 * <p>Not part of Weft's API.
 */
public final class Interrupts {
    private Interrupts() {}

    /**
     * Returns the {@link InterruptedException} a plain thread should get for {@code cancelled},
     * clearing its interrupt as the JDK does; for a task, rethrows {@code cancelled}.
     */
    public static InterruptedException forThread(Party party, CancellationException cancelled) {
        if (party instanceof ThreadParty && Thread.interrupted()) {
            var interrupted = new InterruptedException(cancelled.getMessage());
            interrupted.initCause(cancelled);
            return interrupted;
        }
        throw cancelled;
    }
}
