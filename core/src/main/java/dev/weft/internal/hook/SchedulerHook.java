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

package dev.weft.internal.hook;

import java.util.concurrent.Executor;

/**
 * The narrow seam between Weft and the JDK: makes virtual threads whose scheduler is a given
 * {@link Executor}, tells which scheduler a virtual thread has, and which carrier thread it is
 * mounted on.
 *
 * <p>JDK 25 has no public API for either, so the only implementation reaches package-private JDK
 * members (see {@link ReflectiveSchedulerHook}). Everything else in Weft goes through this
 * interface, so that a future public scheduler API can replace that one class.
 *
 * <p>Not part of Weft's API.
 */
public sealed interface SchedulerHook permits ReflectiveSchedulerHook {

    /**
     * Returns the hook, installing and self-testing it on first use.
     *
     * @throws IllegalStateException if the JVM does not let Weft reach the JDK's scheduler hook
     *     (the message names the flag to add and where), or if the self-test failed
     */
    static SchedulerHook get() {
        return ReflectiveSchedulerHook.installed();
    }

    /**
     * Returns a new, unstarted virtual thread that runs {@code body} and hands its continuations
     * to {@code scheduler.execute}; virtual threads it creates inherit the same scheduler.
     */
    Thread newVirtualThread(Executor scheduler, Runnable body);

    /**
     * Returns the scheduler of a virtual thread made by this hook (or by one that it made), or
     * null for any other thread. User code cannot change a thread's scheduler, which makes it
     * a safe place for Weft to find the task a thread belongs to. Cheap: a type check and a
     * field load.
     */
    static Executor schedulerOf(Thread thread) {
        return ReflectiveSchedulerHook.schedulerOf(thread);
    }

    /**
     * Returns the platform thread that {@code thread} is mounted on, or null if it is not a
     * mounted virtual thread.
     */
    Thread carrierOf(Thread thread);
}
