package dev.weft;

import java.util.concurrent.CompletionException;

/** How Weft rethrows a task's failure where no checked exception may pass. */
final class Failures {
    private Failures() {}

    /**
     * Returns the failure itself when unchecked, so callers see the original type; a checked one
     * comes back wrapped in {@link CompletionException}, as {@code CompletableFuture.join} does.
     */
    static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new CompletionException(failure);
    }
}
