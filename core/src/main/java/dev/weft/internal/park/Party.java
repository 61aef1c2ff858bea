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

import dev.weft.internal.hook.SchedulerHook;
import java.util.concurrent.CancellationException;

/**
 * Whoever waits on a Weft primitive: a task ({@link TaskParty}) or a plain thread
 * ({@link ThreadParty}). Primitives record parties as their holders and waiters, deadlock walks
 * follow them, and messages name them.
 *
 * <p>Not part of Weft's API.
 */
public interface Party {

    /**
     * Returns the calling party: the task whose thread runs the caller, else the calling thread's
     * party. A task's thread has the task as its scheduler, which user code cannot change.
     */
    static Party current() {
        Thread thread = Thread.currentThread();
        if (thread.isVirtual() && SchedulerHook.schedulerOf(thread) instanceof TaskParty task
                && task.thread() == thread) {
            return task;
        }
        return ThreadParty.of(thread);
    }

    /** Returns the task running the calling code, or null if the caller is not a task. */
    static TaskParty currentTask() {
        Thread thread = Thread.currentThread();
        return thread.isVirtual() && SchedulerHook.schedulerOf(thread) instanceof TaskParty task
                && task.thread() == thread ? task : null;
    }

    /** Returns the thread that parks for this party, or null once a task has ended. */
    Thread thread();

    /** Returns how messages name the party: {@code task "fetch-3"} or {@code thread "main"}. */
    String describe();

    /**
     * Returns the loop the party belongs to: a task's loop, the loop whose carrier a thread is,
     * or null for any other thread.
     */
    Home home();

    /**
     * Returns whether a cancellation applies to the party now: a cancelled task outside a
     * shield, or an interrupted thread. Its wait is about to end without a grant.
     */
    boolean isCancelling();

    /**
     * Returns the exception that ends a wait of this party on {@code target} when it is
     * cancelled, or null for a wait on nothing in particular.
     */
    CancellationException cancellation(WaitTarget target);

    /** Returns whether the party has ended: a finished task, a thread that is no longer alive. */
    boolean hasEnded();

    /**
     * Own thread: returns what the party waits on and holds, created on first use. Other
     * threads read {@link #blockedOn()}.
     */
    WaitState waits();

    /** Any thread: returns what the party waits on now, or null; never creates anything. */
    Waiter blockedOn();

    /**
     * Returns whether the party's current wait will end by itself: it has a timeout, runs inside
     * a deadline, or the party is being cancelled. A chain of waits through it is not a deadlock.
     */
    boolean waitIsBounded();

    /**
     * Throws if the party may not block now: a cancelled task, an interrupted thread. Every
     * blocking method calls it first, which makes it a cancellation point.
     *
     * @throws CancellationException then
     */
    default void checkpoint() {
        if (isCancelling()) {
            throw cancellation(null);
        }
    }
}
