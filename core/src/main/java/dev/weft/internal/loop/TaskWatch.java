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

import dev.weft.internal.future.Completion;
import dev.weft.internal.future.Completion.Phase;
import dev.weft.internal.park.Durations;
import dev.weft.internal.park.Home;
import dev.weft.internal.park.Parking;
import dev.weft.internal.park.Party;
import dev.weft.internal.park.WaitTarget;
import dev.weft.internal.park.Waiter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Follows a set of tasks for one waiting task: counts those finished, remembers the first that
 * failed, and keeps them in finishing order; the waiter parks in the one park until what it
 * waits for holds. Behind {@code Weft.joinAll}, {@code gather}, {@code waitTasks} and
 * {@code asCompleted}.
 *
 * <p>Not part of Weft's API.
 */
public final class TaskWatch implements Completion.Listener, WaitTarget {
    /* How it works: every finish of a watched task records it and grants the current waiter, if
     * any; the waiter looks at its condition again and, if it does not hold yet, parks with a
     * new waiter. The waiter is published before the condition is checked, so a finish between
     * the check and the park grants it and no wake-up is lost. */

    private final int size;
    private final AtomicInteger finished = new AtomicInteger();
    private final ConcurrentLinkedQueue<TaskCore> finishedInOrder = new ConcurrentLinkedQueue<>();
    private volatile TaskCore firstUnsuccessful;   // failed or cancelled
    private volatile TaskCore firstFailed;         // failed only
    private volatile Waiter waiter;                // the waiting party's current wait, or null
    private final Home home;                       // the one loop of every task, or null
    private final List<Completion.Node> registrations;

    /** Starts following {@code tasks}; call from the task that will wait. */
    public TaskWatch(List<TaskCore> tasks) {
        this.size = tasks.size();
        TaskCore caller = TaskCore.current();
        boolean allLocal = caller != null;
        for (TaskCore task : tasks) {
            allLocal = allLocal && task.loop() == caller.loop();
        }
        this.home = allLocal ? caller.loop() : null;
        this.registrations = new ArrayList<>(tasks.size());
        for (TaskCore task : tasks) {
            registrations.add(task.whenFinished(this));
        }
    }

    /**
     * Waits until {@code ready} holds or {@code timeoutNanos} pass on the caller's clock
     * (negative: no limit); returns whether it holds. This is a cancellation point.
     */
    public boolean await(BooleanSupplier ready, long timeoutNanos) {
        Party me = Party.current();
        me.checkpoint();
        long deadline = timeoutNanos < 0 ? 0
                : Durations.deadline(Parking.nanoTime(me), timeoutNanos);
        while (true) {
            if (ready.getAsBoolean()) {
                return true;
            }
            var next = new Waiter(me, this, 1);
            waiter = next;
            try {
                if (ready.getAsBoolean()) {
                    return true;
                }
                long left = timeoutNanos < 0 ? -1 : deadline - Parking.nanoTime(me);
                if (timeoutNanos >= 0 && left <= 0) {
                    return false;
                }
                if (!Parking.await(next, left) && !ready.getAsBoolean()) {
                    return false;
                }
            } finally {
                waiter = null;
                next.abandon();
            }
        }
    }

    /** The wait is over: tasks still running need not tell this watch when they finish. */
    public void abandon() {
        for (Completion.Node registration : registrations) {
            registration.abandon();
        }
    }

    @Override
    public void finished(Completion completion) {
        TaskCore task = (TaskCore) completion;
        finishedInOrder.add(task);
        if (task.phase() != Phase.DONE && firstUnsuccessful == null) {
            firstUnsuccessful = task;
        }
        if (task.phase() == Phase.FAILED && firstFailed == null) {
            firstFailed = task;
        }
        finished.incrementAndGet();
        Waiter current = waiter;
        if (current != null) {
            current.grant();
        }
    }

    /** Returns whether every watched task has finished. */
    public boolean allFinished() {
        return finished.get() == size;
    }

    /** Returns how many watched tasks have finished. */
    public int finishedCount() {
        return finished.get();
    }

    /** Returns the first watched task that failed or was cancelled, or null. */
    public TaskCore firstUnsuccessful() {
        return firstUnsuccessful;
    }

    /** Returns the first watched task that failed, or null. */
    public TaskCore firstFailed() {
        return firstFailed;
    }

    /** Removes the next task in finishing order, or returns null if none is waiting. */
    public TaskCore pollFinished() {
        return finishedInOrder.poll();
    }

    /** Returns whether a finished task waits to be taken by {@link #pollFinished()}. */
    public boolean hasFinishedWaiting() {
        return !finishedInOrder.isEmpty();
    }

    @Override
    public boolean confinedTo(Home loop) {
        return home != null && home == loop;
    }

    /** Waiting for tasks is handed nothing: a cancellation that races with an end applies. */
    @Override
    public boolean handsOver() {
        return false;
    }

    @Override
    public String describeWait() {
        return "waits for " + size + " task(s), " + finished.get() + " finished";
    }

    @Override
    public String toString() {
        return "TaskWatch[" + finished.get() + " of " + size + " finished]";
    }
}
