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

import dev.weft.internal.loop.SystemClock;

/**
 * The time source of a loop: every Weft timer, {@link Weft#sleep sleep} and
 * {@link Weft#timeout timeout} on the loop reads it.
 *
 * <p>{@link #system()} is real monotonic time. Tests use {@code dev.weft.test.VirtualClock},
 * which jumps to the next timer whenever every task of the loop waits on Weft, so an hour of
 * timers runs in milliseconds. JDK timers ({@code Thread.sleep}, timed {@code j.u.c} waits,
 * socket timeouts) always follow real time.
 *
 * <p><b>Thread safety:</b> implementations must allow {@link #nanoTime()} from any thread.
 */
public interface Clock {

    /** Returns the current time in nanoseconds; only differences between values are meaningful. */
    long nanoTime();

    /**
     * Called by the loop, on its own thread, when every task of the loop waits on Weft and the
     * earliest timer is due at {@code deadline}; a clock that can jump moves to the deadline and
     * returns true, a real clock returns false and the loop waits for the time to pass.
     *
     * @param deadline the earliest pending timer, in this clock's {@link #nanoTime()} scale
     * @return whether the clock moved, so the loop should fire its timers now
     */
    default boolean jumpTo(long deadline) {
        return false;
    }

    /** Returns the real monotonic clock, {@link System#nanoTime()}. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
