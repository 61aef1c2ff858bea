package dev.weft.internal.loop;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CancellationException;

/** Recognises the exceptions by which cancelled code ends. */
public final class Cancellation {
    private Cancellation() {}

    /**
     * Tells whether {@code failure} is how code reacts to being cancelled: a Weft
     * {@link CancellationException}, or what a JDK call throws on interrupt (an
     * {@link InterruptedException}, an {@link InterruptedIOException}, a
     * {@link ClosedByInterruptException}, or the {@link SocketException} with which an
     * interrupted socket call ends while the thread is still interrupted), anywhere in its cause
     * chain.
     */
    public static boolean isSignal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CancellationException
                    || t instanceof InterruptedException
                    || t instanceof InterruptedIOException
                    || t instanceof ClosedByInterruptException
                    || (t instanceof SocketException && Thread.currentThread().isInterrupted())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
