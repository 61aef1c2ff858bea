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
 * Something a task or thread can wait on: a lock, a semaphore, a queue, an event, a task or
 * work to finish. Deadlock detection and the virtual clock ask it who could end a wait on it.
 *
 * <p>Not part of Weft's API.
 */
public interface WaitTarget {

    /**
     * Returns the party that alone can end waits on this target, such as a lock's owner or a
     * joined task, or null when anyone may (a queue, an event).
     */
    default Party holder() {
        return null;
    }

    /**
     * Returns whether the holder's end ends the waits too, as a task's end ends its joins; a
     * lock whose holder ended without releasing it is a deadlock instead.
     */
    default boolean endsWhenHolderEnds() {
        return false;
    }

    /**
     * Returns whether only the tasks of {@code home} have used this target, so that only they
     * can end a wait on it (see {@link Affinity}).
     */
    boolean confinedTo(Home home);

    /**
     * Returns whether a grant hands the waiter something (an item, a permit, ownership) that
     * would be lost if the wait then ended otherwise: a grant that races with a cancellation or
     * a deadlock report then wins, and the cancellation applies at the next cancellation point.
     * A wait that is handed nothing, such as a join (the outcome stays with the task), ends with
     * the cancellation or deadlock instead, as asyncio's {@code await} of a finished future in a
     * cancelled task does.
     */
    default boolean handsOver() {
        return true;
    }

    /** Returns how reports show a wait on this target: {@code waits on Lock[...]}. */
    default String describeWait() {
        return "waits on " + this;
    }
}
