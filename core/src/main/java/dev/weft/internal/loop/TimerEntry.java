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

/**
 * Something a loop's timer heap holds: a {@link LoopTimer}, or a task sleeping until a deadline.
 * A sleeping task is its own entry, so that a sleep allocates nothing.
 */
interface TimerEntry {

    /** Loop thread: the entry's place in the heap, or -1 when it is not in one. */
    int heapIndex();

    /** Loop thread: records the entry's place in the heap (-1: removed). */
    void heapIndex(int index);

    /** Loop thread: the deadline has come. */
    void fire();

    /** Loop thread: whether the entry is waiting in a heap. */
    default boolean isScheduled() {
        return heapIndex() >= 0;
    }
}
