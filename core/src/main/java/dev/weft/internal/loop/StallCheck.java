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

import dev.weft.DeadlockException;
import dev.weft.LoopOptions;
import dev.weft.StallPolicy;
import dev.weft.internal.events.WeftEvents;
import dev.weft.internal.park.Durations;
import dev.weft.internal.park.WaitGraph;
import dev.weft.internal.park.WaitState;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Notices when a loop stands still for want of something from outside: a stall ({@link LoopCore#run}'s
 * main task has not finished, every started task waits on something only the loop's own tasks
 * seem able to end, nothing is queued and no timer is pending), or a virtual clock that cannot
 * jump to its next timer because some task waits on something outside the loop. Either is
 * reported once, after the loop's grace period of real time; under {@link StallPolicy#FAIL} a
 * stall fails every stalled wait at once instead. As in Go, only a blocked main makes a stall: a
 * loop driven from outside may yet be closed or fed by its owner.
 */
final class StallCheck {
    /* How it works: the loop calls a `beforeIdle...` method when it is about to sleep. While the
     * loop stands still the first call starts an episode (the real time, and the loop clock's
     * reading), and each answer bounds the sleep by what is left of the grace period; the matching
     * `afterIdle...` reports once the grace period has passed with the condition still true (and,
     * for a virtual clock, the clock not moved). `workRan` (once per busy turn) ends the episode,
     * so each new stall is reported once. Loop thread only. */

    private final LoopCore loop;
    private final TaskLedger ledger;
    private final RunQueue runQueue;
    private final StallPolicy policy;
    private final long graceNanos;
    private final boolean jumpingClock;
    private long stuckSince = -1;   // loop thread only: real time the episode began, or -1
    private long clockAtStart;      // loop thread only: the loop's clock then
    private boolean reported;       // loop thread only: this episode was reported

    StallCheck(LoopCore loop, TaskLedger ledger, RunQueue runQueue, LoopOptions options) {
        this.loop = loop;
        this.ledger = ledger;
        this.runQueue = runQueue;
        this.policy = options.stallPolicy();
        this.graceNanos = Math.max(1, Durations.toNanos(options.stallGrace(), "stall grace"));
        this.jumpingClock = !(options.clock() instanceof SystemClock);
    }

    /** Loop thread: the loop ran work, so whatever stood still has moved. */
    void workRan() {
        reported = false;
        stuckSince = -1;
    }

    /**
     * Loop thread, about to sleep with no timer pending: returns how long to sleep at most
     * (negative: until woken), or 0 when it failed the stalled waits and must not sleep.
     */
    long beforeIdleWithoutTimers(TaskCore main) {
        if (!isStalled(main)) {
            return -1;
        }
        if (policy == StallPolicy.FAIL) {
            return failWaits() ? 0 : -1;
        }
        return reported ? -1 : graceLeft();
    }

    /**
     * Loop thread, about to sleep {@code waitNanos} (real time) for a timer that a virtual clock
     * could not jump to: returns how long to sleep at most.
     */
    long beforeIdleWithTimers(long waitNanos) {
        if (!jumpingClock || reported || !ledger.anyStarted()) {
            return waitNanos;
        }
        return Math.min(waitNanos, graceLeft());
    }

    /** Loop thread, after a sleep with no timer pending: reports a stall that lasted. */
    void afterIdleWithoutTimers(TaskCore main) {
        if (graceOver() && isStalled(main)) {
            reported = true;
            loop.report(likelyStallReport(ledger.alive()), null);
        }
    }

    /** Loop thread, after a sleep with timers pending: reports a virtual clock that is stuck. */
    void afterIdleWithTimers() {
        if (jumpingClock && graceOver() && loop.clock().nanoTime() == clockAtStart
                && !ledger.allWaitOnLoop()) {
            reported = true;
            loop.report(clockStuckReport(ledger.alive()), null);
        }
    }

    /** Starts the episode if need be; returns the real time left of its grace period. */
    private long graceLeft() {
        long now = System.nanoTime();
        if (stuckSince < 0) {
            stuckSince = now;
            clockAtStart = loop.clock().nanoTime();
        }
        return Math.max(1, graceNanos - (now - stuckSince));
    }

    /** Whether an unreported episode has lasted its grace period with nothing ready. */
    private boolean graceOver() {
        return stuckSince >= 0 && !reported && runQueue.isEmpty()
                && System.nanoTime() - stuckSince >= graceNanos;
    }

    private boolean isStalled(TaskCore main) {
        return main != null && !main.isDone() && ledger.anyStarted() && ledger.allWaitOnLoop()
                && runQueue.isEmpty();
    }

    /** Fails every stalled wait with one report of every task; returns whether any woke. */
    private boolean failWaits() {
        List<TaskCore> stalled = ledger.alive();
        String report = stallReport(stalled);
        WeftEvents.deadlock(report);
        boolean woken = false;
        for (TaskCore task : stalled) {
            WaitState waits = task.waitsOrNull();
            Thread thread = task.thread();
            if (waits != null && thread != null) {
                waits.failWait(new DeadlockException(report));
                LockSupport.unpark(thread);
                woken = true;
            }
        }
        return woken;
    }

    /**
     * The report for a loop that is a closed world ({@link StallPolicy#FAIL}) whose started tasks
     * all wait on things only the loop could end, with no timer pending.
     */
    private String stallReport(List<TaskCore> tasks) {
        var text = new StringBuilder("deadlock on loop \"").append(loop.name())
                .append("\": every task waits on something only this loop's tasks could end, ")
                .append("and no timer is pending (StallPolicy.FAIL: the loop is a closed world):");
        return appendTasks(text, tasks);
    }

    /**
     * The report for a loop whose started tasks have all waited, for its grace period, on things
     * only the loop seems able to end, with no timer pending.
     */
    private String likelyStallReport(List<TaskCore> tasks) {
        var text = new StringBuilder("loop \"").append(loop.name())
                .append("\" may be deadlocked: every task waits on something only this loop's ")
                .append("tasks seem able to end, no timer is pending, and nothing changed for ")
                .append("a while; the waits go on, since a plain thread or another loop holding ")
                .append("one of these may still end them (LoopOptions.withStallPolicy(")
                .append("StallPolicy.FAIL) makes them fail instead):");
        return appendTasks(text, tasks);
    }

    /**
     * The report for a loop on a virtual clock whose tasks all wait, at least one on something
     * outside the loop, so the clock cannot jump to the next timer.
     */
    private String clockStuckReport(List<TaskCore> tasks) {
        var text = new StringBuilder("the clock of loop \"").append(loop.name())
                .append("\" cannot jump to its next timer: every task waits, but not all on ")
                .append("things only this loop can end (a primitive used by a plain thread or ")
                .append("another loop, a socket, a JDK lock, a task of another loop), so the ")
                .append("loop waits for them in real time:");
        return appendTasks(text, tasks);
    }

    private static String appendTasks(StringBuilder text, List<TaskCore> tasks) {
        for (TaskCore task : tasks) {
            WaitState waits = task.waitsOrNull();
            text.append("\n  ").append(task.describe()).append(' ')
                    .append(WaitGraph.describeWait(waits == null ? null : waits.blockedOn()));
        }
        for (TaskCore task : tasks) {
            WaitGraph.appendStack(text, task);
        }
        return text.toString();
    }
}
