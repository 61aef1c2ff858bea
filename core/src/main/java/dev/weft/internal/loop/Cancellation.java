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
