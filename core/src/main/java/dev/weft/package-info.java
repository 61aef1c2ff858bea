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

/**
 * Weft: single-threaded event loops whose tasks are JDK virtual threads.
 *
 * <h2>Terms used throughout</h2>
 * <dl>
 * <dt>Loop</dt>
 * <dd>One carrier thread that runs its tasks one at a time ({@link dev.weft.Loop}).</dd>
 * <dt>Task</dt>
 * <dd>A virtual thread scheduled by a loop ({@link dev.weft.Task}). Ordinary blocking Java calls
 * inside a task park it and let the loop run another task.</dd>
 * <dt>Cancellation point</dt>
 * <dd>A call where a cancelled task stops. Every Weft method that can block is always one, and
 * a Weft method that never blocks never is. At a Weft cancellation point a cancelled task gets
 * {@link java.util.concurrent.CancellationException}; JDK blocking calls are cancellation points
 * too and fail as they do on interrupt ({@code InterruptedException}, a closed socket). Code that
 * never blocks cannot be cancelled: cancellation is cooperative.</dd>
 * <dt>Thread-safe</dt>
 * <dd>May be called from any thread and from tasks of any loop. Waiting from a task parks only
 * that task; waiting from a plain thread blocks it, and interrupting that thread ends the wait
 * with {@code CancellationException}.</dd>
 * <dt>Durations</dt>
 * <dd>A zero duration means "do not wait" (a zero sleep yields; a zero timeout cancels its body
 * at the first blocking call). A negative duration is an {@link IllegalArgumentException}.
 * Weft's durations are measured on the loop's {@link dev.weft.Clock}; from a plain thread, in
 * real time.</dd>
 * </dl>
 *
 * <h2>Set-up</h2>
 * Weft needs the JVM flag {@code --add-opens java.base/java.lang=ALL-UNNAMED} (or
 * {@code =dev.weft} on the module path); without it, creating a loop fails with a message saying
 * where to put it.
 */
package dev.weft;
