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

/**
 * A loop as the park sees it: the clock a task's waits are measured on, the timers that bound
 * them, and the count of waits only the loop can end, which lets a virtual clock jump.
 *
 * <p>Not part of Weft's API.
 */
public interface Home {

    /** Returns the loop clock's reading, in nanoseconds. */
    long nanoTime();

    /** Returns a timer of this loop that unparks {@code thread} after {@code nanos}. */
    Alarm wakeAfter(Thread thread, long nanos);

    /** Loop thread: a task parks in a wait that only this loop's tasks, callbacks or timers end. */
    void waitBegins();

    /** Loop thread: that task resumed. */
    void waitEnds();

    /**
     * Runs {@code work} on the loop's thread soon, from any thread; once the loop has closed, on
     * a fallback thread. Never rejects, never blocks.
     */
    void post(Runnable work);
}
