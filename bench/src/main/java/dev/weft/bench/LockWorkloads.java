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

package dev.weft.bench;

import dev.weft.Weft;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** Uncontended lock and unlock by one task of a loop, for Weft's locks and the JDK's. */
public final class LockWorkloads {
    private LockWorkloads() {}

    /** The locks compared. */
    public enum Kind {
        /** {@link dev.weft.sync.Lock}. */
        WEFT_LOCK,
        /** {@link dev.weft.sync.RLock}. */
        WEFT_RLOCK,
        /** {@link ReentrantLock}. */
        REENTRANT_LOCK;

        Lock create() {
            return switch (this) {
                case WEFT_LOCK -> new dev.weft.sync.Lock();
                case WEFT_RLOCK -> new dev.weft.sync.RLock();
                case REENTRANT_LOCK -> new ReentrantLock();
            };
        }
    }

    /**
     * Locks and unlocks a new lock of {@code kind} {@code n} times in one task, incrementing a
     * counter inside; returns the wall time in nanoseconds.
     */
    public static long lockUnlock(Kind kind, int n) {
        return Weft.run(() -> {
            Lock lock = kind.create();
            long[] counter = new long[1];
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                lock.lock();
                try {
                    counter[0]++;
                } finally {
                    lock.unlock();
                }
            }
            long elapsed = System.nanoTime() - start;
            if (counter[0] != n) {
                throw new IllegalStateException("lost increments: " + counter[0]);
            }
            return elapsed;
        });
    }
}
