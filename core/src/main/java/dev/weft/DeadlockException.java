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

/**
 * Thrown into a waiting task when its wait could never end: the tasks in a cycle each wait for
 * a lock or a task that another of them holds, a task re-acquires with {@code lock()} a lock it
 * holds that is not reentrant, or a lock's owner has ended without releasing it. These are
 * certain, so a correct program never sees this exception. The message names each task, what it
 * waits on and who holds that, with the stacks of the other tasks involved.
 *
 * <p>A <em>stall</em> (a loop's main task and every other task wait on things only that loop's
 * tasks seem able to end, with no timer pending) is not certain, since a plain thread or another
 * loop may hold a reference to one of those things: it is reported to the loop's
 * {@link ExceptionHandler} once, after a grace period, and the waits go on. Only a loop declared
 * a closed world with {@link StallPolicy#FAIL} fails those waits with this exception.
 *
 * <p>It is an {@link IllegalStateException}: a deadlock is a bug in the program, and code that
 * catches it should usually let the task end so that what it holds is released.
 */
public final class DeadlockException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its report. */
    public DeadlockException(String report) {
        super(report);
    }
}
