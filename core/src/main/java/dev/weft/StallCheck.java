package dev.weft;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds a loop stuck for good: {@link Loop#run}'s main task has not finished, every started task
 * waits on something only the loop itself could end, nothing is queued and no timer is pending.
 * Nothing will ever wake them, so each of those waits fails with a {@link DeadlockException}
 * carrying one report of every task. As in Go, only a blocked main makes a deadlock: a loop
 * driven from outside may yet be closed or fed by its owner.
 */
final class StallCheck {
    private StallCheck() {}

    /**
     * Loop thread, about to sleep with no timer pending: fails the waits if the loop is stuck,
     * and returns whether any task was woken.
     */
    static boolean failIfStalled(Loop loop, TaskLedger ledger, RunQueue runQueue, Task<?> main) {
        if (main == null || main.isDone() || !ledger.allWaitOnLoop() || !ledger.anyStarted()
                || !runQueue.isEmpty()) {
            return false;
        }
        List<Task<?>> stalled = ledger.alive();
        String report = WaitGraph.stallReport(loop, stalled);
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
