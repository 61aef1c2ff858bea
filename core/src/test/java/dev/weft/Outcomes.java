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
