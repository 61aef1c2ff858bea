package dev.weft;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;

/** How a finished task or work ended, for assertions: its failure, or its cancellation. */
public final class Outcomes {
    private Outcomes() {}

    /**
     * Returns the failure of a failed future, the {@link CancellationException} of a cancelled
     * one, or null for one that succeeded; reading it counts as observing it.
     */
    public static Throwable failureOf(Future<?> future) {
        return switch (future.state()) {
            case FAILED -> future.exceptionNow();
            case CANCELLED -> {
                try {
                    future.resultNow();
                    throw new AssertionError(future + " is cancelled but has a value");
                } catch (CancellationException cancelled) {
                    yield cancelled;
                }
            }
            case SUCCESS -> null;
            case RUNNING -> throw new AssertionError(future + " has not finished");
        };
    }
}
