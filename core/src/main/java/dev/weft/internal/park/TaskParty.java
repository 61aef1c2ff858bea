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
 * A task as the park sees it: it waits on its loop's clock and timers, and a cancellation of
 * the task ends its waits. Implemented by the loop's task machinery.
 *
 * <p>Not part of Weft's API.
 */
public interface TaskParty extends Party {

    /** Returns the task's loop; never null. */
    @Override
    Home home();

    /**
     * Own thread, after a park: an interrupt of the task's thread that Weft did not send becomes
     * a cancel of the task, so that the wait ends instead of spinning on the interrupt.
     */
    void absorbInterrupt();

    /**
     * Own thread: puts the task in its loop's timer heap until {@code nanos} from now, itself as
     * the entry, so that a sleep allocates nothing; returns the alarm to watch and cancel.
     */
    Alarm sleepFor(long nanos);
}
