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

import dev.weft.internal.loop.LoopTimer;

/**
 * A callback scheduled on a loop at a deadline of the loop's {@link Clock}, returned by
 * {@link Loop#callLater} and {@link Loop#callAt}; {@link #cancel()} withdraws it.
 *
 * <p><b>Thread safety:</b> {@link #cancel()} may be called from any thread.
 */
public final class Timer {
    private final LoopTimer timer;

    Timer(LoopTimer timer) {
        this.timer = timer;
    }

    /** Returns the deadline, in the loop clock's {@link Clock#nanoTime()} scale. */
    public long deadline() {
        return timer.deadline();
    }

    /** Returns whether {@link #cancel()} was called before the timer fired. */
    public boolean isCancelled() {
        return timer.isCancelled();
    }

    /**
     * Withdraws the timer if it has not fired yet; does nothing otherwise. Never blocks.
     *
     * @return whether this call stopped the timer from firing
     */
    public boolean cancel() {
        return timer.cancel();
    }

    @Override
    public String toString() {
        return timer.toString();
    }
}
