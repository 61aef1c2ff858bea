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
