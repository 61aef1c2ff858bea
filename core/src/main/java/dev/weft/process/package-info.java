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
 * Child processes and file locks between processes, for tasks that must never hold their loop:
 * Python's {@code multiprocessing} and asyncio's subprocesses, Weft style.
 *
 * <p>{@link dev.weft.process.Command} describes a program to run (arguments, environment,
 * directory, what each of stdin, stdout and stderr is); {@link dev.weft.process.Subprocess} is
 * one running, with its pipes as loop-friendly streams, {@code waitFor}, {@code communicate},
 * and termination of its whole process tree when the task that waits for it is cancelled or
 * times out. {@link dev.weft.process.FileLocks} locks a file against other processes (and the
 * other tasks of this JVM) by parking, never by blocking the loop's thread.
 *
 * <p>On JDK 25, reading a {@link java.lang.Process}'s pipes or taking a contended
 * {@link java.nio.channels.FileChannel#lock()} in a task blocks the loop's carrier thread (the
 * JDK compensates for such calls only on its own scheduler); what this package offers does the
 * blocking part on threads of its own. {@link java.lang.Process#waitFor()} and
 * {@link java.lang.Process#onExit()} park, and are safe in a task.
 */
package dev.weft.process;
