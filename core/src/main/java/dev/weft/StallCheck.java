package dev.weft;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Notices when a loop stands still for want of something from outside: a stall ({@link Loop#run}'s
 * main task has not finished, every started task waits on something only the loop's own tasks
 * seem able to end, nothing is queued and no timer is pending), or a virtual clock that cannot
 * jump to its next timer because some task waits on something outside the loop. Either is
 * reported once, after the loop's grace period of real time; under {@link StallPolicy#FAIL} a
 * stall fails every stalled wait at once instead. As in Go, only a blocked main makes a stall: a
 * loop driven from outside may yet be closed or fed by its owner.
 */
final class StallCheck {
    /* How it works: the loop calls `beforeIdle` when it is about to sleep. The answer bounds the
     * sleep by the grace period while a report is due; `afterIdle` then reports if nothing ran
     * meanwhile and the condition still holds. `workRan` (once per busy turn) ends an episode, so
     * each new stall is reported once. Loop thread only. */

    private final Loop loop;
    private final TaskLedger ledger;
    private final RunQueue runQueue;
    private final StallPolicy policy;
    private final long graceNanos;
    private final boolean jumpingClock;
    private boolean reported;   // loop thread only: this episode was reported
    private boolean pending;    // loop thread only: the sleep now under way may end in a report

    StallCheck(Loop loop, TaskLedger ledger, RunQueue runQueue, LoopOptions options) {
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
    }

    /**
     * Loop thread, about to sleep with no timer pending: returns how long to sleep at most
     * (negative: until woken), or 0 when it failed the stalled waits and must not sleep.
     */
    long beforeIdleWithoutTimers(Task<?> main) {
        pending = false;
        if (!isStalled(main)) {
            return -1;
        }
        if (policy == StallPolicy.FAIL) {
            return failWaits() ? 0 : -1;
        }
        if (reported) {
            return -1;
        }
        pending = true;
        return graceNanos;
    }

    /**
     * Loop thread, about to sleep {@code waitNanos} (real time) for a timer that a virtual clock
     * could not jump to: returns how long to sleep at most.
     */
    long beforeIdleWithTimers(long waitNanos) {
        pending = false;
        if (!jumpingClock || reported || !ledger.anyStarted()) {
            return waitNanos;
        }
        pending = true;
        return Math.min(waitNanos, graceNanos);
    }

    /** Loop thread, after a sleep bounded by {@code beforeIdle...}: reports if still due. */
    void afterIdle(Task<?> main, boolean timersPending) {
        if (!pending) {
            return;
        }
        pending = false;
        if (!runQueue.isEmpty()) {
            return;
        }
        if (!timersPending && isStalled(main)) {
            reported = true;
            String report = WaitGraph.stallReport(loop, ledger.alive(), false);
            WeftEvents.deadlock(report);
            loop.report(report, null);
        } else if (timersPending && !ledger.allWaitOnLoop()) {
            reported = true;
            loop.report(WaitGraph.clockStuckReport(loop, ledger.alive()), null);
        }
    }

    private boolean isStalled(Task<?> main) {
        return main != null && !main.isDone() && ledger.anyStarted() && ledger.allWaitOnLoop()
                && runQueue.isEmpty();
    }

    /** Fails every stalled wait with one report of every task; returns whether any woke. */
    private boolean failWaits() {
        List<Task<?>> stalled = ledger.alive();
        String report = WaitGraph.stallReport(loop, stalled, true);
        WeftEvents.deadlock(report);
        boolean woken = false;
        for (Task<?> task : stalled) {
            TaskWaitState waits = task.waitStateOrNull();
            Thread thread = task.thread;
            if (waits != null && thread != null) {
                waits.failWait(new DeadlockException(report));
                LockSupport.unpark(thread);
                woken = true;
            }
        }
        return woken;
    }
}
