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

import dev.weft.DeadlockException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;

/**
 * The one way Weft waits. Every blocking call of the core and of {@code sync}, {@code queue},
 * {@code exec}, {@code net} and {@code process} parks here: a {@link Waiter} in its primitive's
 * {@link WaitList}, granted by whoever releases the primitive, or abandoned by the waiter when it
 * is cancelled, times out or would deadlock.
 *
 * <p>A task parks on its loop: its timeout is a timer of the loop (so it follows a virtual
 * clock), a wait on a primitive only the loop's tasks use counts as a loop wait (so a virtual
 * clock may jump), and a cancellation of the task ends the wait. A plain thread parks in real
 * time, and an interrupt ends its wait.
 *
 * <p>Not part of Weft's API.
 */
public final class Parking {
    /* How it works: a wait is one loop, parkTask for a task and parkThread for a thread: publish
     * the edge for deadlock walks, then park until the waiter is granted, and after each wake-up
     * look, in this order, at a deadlock found by the loop, a cancellation, the deadline, and a
     * holder that has ended. A grant that races with any of them wins (abandon() fails), and a
     * cancellation then applies at the next cancellation point, unless the grant hands nothing
     * over (WaitTarget.handsOver: a join), when the cancellation or deadlock wins. A sleep has a
     * smaller loop of its own (see sleep()). Every frame above a park is frozen and thawed on
     * each switch, and kept in each parked task's stack, hence few and small methods here. */

    private Parking() {}

    /**
     * Parks the calling party, whose {@code waiter} is already in its primitive's wait list,
     * until the wait is granted, {@code timeoutNanos} pass (negative: never; zero: give up at
     * once), or the party is cancelled.
     *
     * @return true if granted; false if the timeout passed and the waiter was abandoned
     * @throws CancellationException if cancelled (the waiter was abandoned)
     * @throws DeadlockException if the wait could never be granted (the waiter was abandoned)
     */
    public static boolean await(Waiter waiter, long timeoutNanos) {
        if (timeoutNanos == 0) {
            return !waiter.abandon();
        }
        if (waiter.party() instanceof TaskParty task) {
            Home home = task.home();
            Alarm alarm = timeoutNanos > 0 ? home.wakeAfter(task.thread(), timeoutNanos) : null;
            return parkTask(task, waiter, alarm, waiter.target().confinedTo(home), true);
        }
        return parkThread(waiter.party(), waiter, timeoutNanos, true);
    }

    /**
     * Parks as {@link #await} does with no timeout, but a cancellation or interrupt does not end
     * the wait: it stays pending for the next cancellation point. For the steps that must finish,
     * such as re-acquiring a lock after waiting on a condition. The waiter must be made with
     * {@link Waiter#uncancellable}.
     *
     * @throws DeadlockException if the wait could never be granted (the waiter was abandoned)
     */
    public static void awaitUncancellable(Waiter waiter) {
        // A set interrupt would make every park return at once: it is set aside meanwhile, and
        // restored here; those that arrive during the wait, the wait itself restores.
        boolean interrupted = Thread.interrupted();
        try {
            if (waiter.party() instanceof TaskParty task) {
                parkTask(task, waiter, null, waiter.target().confinedTo(task.home()), false);
            } else {
                parkThread(waiter.party(), waiter, -1, false);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Sleeps the calling task {@code task} for {@code nanos} (positive) on its loop's clock.
     * This is a cancellation point.
     *
     * @throws CancellationException if the task is cancelled
     */
    public static void sleep(TaskParty task, long nanos) {
        // The sleep of a task parks right here, not in parkTask: with no waiter there is nothing
        // to grant or abandon, and sleeping tasks are the most numerous, so its frame is kept
        // small (every frame above a park stays in each parked task's stack: with 100,000
        // sleepers, through parkTask cost about 1.23 KiB of heap per task, this loop 1.17).
        task.checkpoint();
        Alarm alarm = task.sleepFor(nanos);   // the task is its own timer: nothing allocated
        Home home = task.home();
        home.waitBegins();
        try {
            do {
                LockSupport.park();
                task.absorbInterrupt();
                task.checkpoint();
            } while (!alarm.hasFired());
        } finally {
            home.waitEnds();
            alarm.withdraw();
        }
    }

    /** The wait of a task on {@code waiter}, bounded by {@code alarm} if not null. */
    private static boolean parkTask(TaskParty task, Waiter waiter, Alarm alarm, boolean counted,
            boolean cancellable) {
        WaitState state = task.waits();
        WaitTarget target = waiter.target();
        boolean walked = target.holder() != null;
        boolean handsOver = target.handsOver();
        state.waitOn(waiter, alarm != null, walked);   // published before the walk
        Home home = task.home();
        boolean interrupted = false;   // seen during an uncancellable wait; restored at its end
        if (counted) {
            home.waitBegins();
        }
        try {
            if (walked) {
                failIfDeadlocked(task, waiter);
            }
            while (!waiter.isGranted()) {
                LockSupport.park(target);
                boolean granted = waiter.isGranted();
                if (granted && (handsOver || !cancellable)) {
                    return true;   // an uncancellable wait must finish once granted
                }
                if (cancellable) {
                    task.absorbInterrupt();
                } else {
                    interrupted |= Thread.interrupted();   // a set interrupt would spin the park
                }
                DeadlockException deadlock = state.takeDeadlock();
                if (deadlock != null) {
                    if (granted || !handsOver || waiter.abandon()) {
                        throw deadlock;
                    }
                    return true;
                }
                if (cancellable && task.isCancelling()) {
                    if (granted || !handsOver || waiter.abandon()) {
                        throw task.cancellation(target);
                    }
                    return true;
                }
                if (granted) {
                    return true;
                }
                if (alarm != null && alarm.hasFired()) {
                    return !waiter.abandon();
                }
                if (target.holder() != null) {
                    failIfDeadlocked(task, waiter);   // woken: has the holder ended?
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            state.stopWaiting();
            if (counted) {
                home.waitEnds();
            }
            if (alarm != null) {
                alarm.withdraw();
            }
        }
    }

    /** The wait of a plain thread, in real time; see {@link #parkTask}. */
    private static boolean parkThread(Party me, Waiter waiter, long timeoutNanos,
            boolean cancellable) {
        WaitState state = me.waits();
        boolean walked = waiter.target().holder() != null;
        state.waitOn(waiter, timeoutNanos >= 0, walked);
        boolean interrupted = false;   // seen during an uncancellable wait; restored at its end
        try {
            if (walked) {
                failIfDeadlocked(me, waiter);
            }
            long deadline = timeoutNanos > 0 ? Durations.deadline(System.nanoTime(), timeoutNanos) : 0;
            while (!waiter.isGranted()) {
                if (cancellable && me.isCancelling()) {
                    if (waiter.abandon()) {
                        throw me.cancellation(waiter.target());
                    }
                    return true;
                }
                if (timeoutNanos < 0) {
                    LockSupport.park(waiter.target());
                    if (!cancellable) {
                        interrupted |= Thread.interrupted();   // would spin the park otherwise
                    }
                    if (waiter.target().holder() != null) {
                        failIfDeadlocked(me, waiter);   // woken: has the holder ended?
                    }
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return !waiter.abandon();
                    }
                    LockSupport.parkNanos(waiter.target(), left);
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            state.stopWaiting();
        }
    }

    private static void failIfDeadlocked(Party party, Waiter waiter) {
        DeadlockException deadlock = WaitGraph.check(party, waiter);
        if (deadlock != null && waiter.abandon()) {
            throw deadlock;
        }
    }

    /** Returns the party's clock reading: its loop's clock for a task, real time otherwise. */
    public static long nanoTime(Party party) {
        return party instanceof TaskParty task ? task.home().nanoTime() : System.nanoTime();
    }

    /** Records that a task party now holds {@code lock}, for the report if it ends holding it. */
    public static void acquired(Party party, WaitPoint lock) {
        if (party instanceof TaskParty) {
            party.waits().held.add(lock,
                    WaitState.RECORD_SITES ? new Throwable("acquired here") : null);
        }
    }

    /** Records that a task party released {@code lock}. */
    public static void released(Party party, WaitPoint lock) {
        if (party instanceof TaskParty) {
            party.waits().held.remove(lock);
        }
    }

    /**
     * Returns the exception for a party waiting on a lock it already holds and cannot acquire
     * again: a {@link DeadlockException} with {@code message}.
     */
    public static DeadlockException selfDeadlock(String message) {
        return WaitGraph.deadlock(message);
    }

    /** Returns how messages name {@code party}, or {@code nobody} for null. */
    public static String describe(Party party) {
        return party == null ? "nobody" : party.describe();
    }
}
