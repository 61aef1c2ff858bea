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
