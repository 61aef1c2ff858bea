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

package dev.weft.internal.loop;

import dev.weft.internal.future.Completion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;

/** How Weft rethrows a task's failure where no checked exception may pass, and finds failures. */
public final class Failures {
    /* How it works: a cancellation is an outcome, not an error, but it may carry errors: a task
     * group closed by a cancelled owner attaches its children's failures to the cancellation as
     * suppressed exceptions. Whoever drops or ignores a cancellation must first take those out,
     * or they would be lost; `carried` finds them. */

    private Failures() {}

    /**
     * Returns the failure itself when unchecked, so callers see the original type; a checked one
     * comes back wrapped in {@link CompletionException}, as {@code CompletableFuture.join} does.
     */
    public static RuntimeException unchecked(Throwable failure) {
        return Completion.unchecked(failure);   // the one rule, shared with every future
    }

    /**
     * Returns the failures that {@code ended}, a cancellation signal (see
     * {@link Cancellation#isSignal}), carries: the exceptions suppressed on it or on its causes
     * that are not signals themselves, looking inside suppressed signals too. Empty for null.
     */
    public static List<Throwable> carried(Throwable ended) {
        if (ended == null || (ended.getCause() == null && ended.getSuppressed().length == 0)) {
            return List.of();
        }
        var found = new ArrayList<Throwable>();
        collect(ended, found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    /** Whether {@code ended} carries any failure; see {@link #carried}. */
    public static boolean carriesFailure(Throwable ended) {
        if (ended == null) {
            return false;
        }
        if (ended.getCause() == null && ended.getSuppressed().length == 0) {
            return false;   // the common case, as when a server cancels many connections
        }
        return !carried(ended).isEmpty();
    }

    private static void collect(Throwable signal, List<Throwable> found, Set<Throwable> seen) {
        for (Throwable t = signal; t != null && seen.add(t); t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (Cancellation.isSignal(suppressed)) {
                    collect(suppressed, found, seen);
                } else if (seen.add(suppressed)) {
                    found.add(suppressed);
                }
            }
        }
    }

    /** Adds each of {@code failures} to {@code target} as suppressed, and returns the target. */
    public static <X extends Throwable> X withSuppressed(X target, List<Throwable> failures) {
        for (Throwable failure : failures) {
            if (failure != target) {
                target.addSuppressed(failure);
            }
        }
        return target;
    }
}
