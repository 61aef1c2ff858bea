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

package dev.weft.sync;

/**
 * A {@link Semaphore} that refuses to hold more permits than it started with: Python's
 * {@code BoundedSemaphore}. A release without a matching acquire is a bug, and this makes it an
 * error instead of a silent extra permit.
 *
 * <p><b>Thread safety:</b> thread-safe, as {@link Semaphore}.
 *
 * <p><b>Serialization:</b> not {@link java.io.Serializable}, unlike the JDK's locks and
 * synchronizers: a primitive belongs to the tasks of a running program, and its waiters are not
 * state that could be restored. Serializing one fails with {@link
 * java.io.NotSerializableException}.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /**
     * Creates a semaphore with {@code permits} permits, which is also the most it may hold.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public BoundedSemaphore(int permits) {
        super(permits);
        this.bound = permits;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the release would take the free permits above the
     *     initial count
     */
    @Override
    public void release(int permits) {
        super.release(permits);
    }

    @Override
    void checkRelease(long free, int permits) {
        if (free + permits > bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times: " + free
                    + " of " + bound + " permits are free, and releasing " + permits
                    + " more would exceed " + bound + "; release only what was acquired");
        }
    }
}
