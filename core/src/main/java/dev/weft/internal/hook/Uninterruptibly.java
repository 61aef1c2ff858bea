package dev.weft.internal.hook;

/**
 * Waits that must finish even if the waiting thread is interrupted (closing a loop, installing
 * the scheduler hook, ending a child process): the wait is retried, and the interrupt is kept
 * for the caller once it is over.
 *
 * <p>Not part of Weft's API.
 */
public final class Uninterruptibly {
    private Uninterruptibly() {}

    /** A wait with an answer that an interrupt cuts short. */
    @FunctionalInterface
    public interface Wait<T> {
        /** Waits and answers. */
        T await() throws InterruptedException;
    }

    /** A wait without an answer that an interrupt cuts short. */
    @FunctionalInterface
    public interface VoidWait {
        /** Waits. */
        void await() throws InterruptedException;
    }

    /** Runs {@code wait} until it answers, however often it is interrupted meanwhile. */
    public static <T> T call(Wait<T> wait) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return wait.await();
                } catch (InterruptedException e) {
                    interrupted = true;   // the wait must finish; the interrupt is kept below
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code wait} until it returns, however often it is interrupted meanwhile. */
    public static void run(VoidWait wait) {
        call(() -> {
            wait.await();
            return null;
        });
    }
}
