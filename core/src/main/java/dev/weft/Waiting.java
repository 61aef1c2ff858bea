package dev.weft;

import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How Weft waits: park until a condition holds, the caller is cancelled, or a timeout passes. In
 * a task the timeout is a timer of the task's loop (so it follows a virtual clock); in a plain
 * thread it is real time. ({@link Weft#sleep} runs the same loop inline, for smaller stacks.)
 */
final class Waiting {
    private Waiting() {}

    /** Who can make the condition true; decides whether a virtual clock may jump meanwhile. */
    enum Source {
        /** Only this loop's tasks, callbacks or timers. */
        THIS_LOOP,
        /** Possibly another loop or thread. */
        ELSEWHERE
    }

    /**
     * Waits until {@code ready} holds; whoever makes it true must unpark the waiting thread.
     *
     * @param caller the calling task, or null for a plain thread
     * @param timeoutNanos the longest wait, or a negative value for none
     * @param blocker shown in thread dumps as what the thread waits for
     * @return true if {@code ready} holds, false if the timeout passed first
     * @throws CancellationException if the caller is cancelled, before or during the wait
     * @throws DeadlockException if the wait could never end: the caller joins a task that
     *     waits, through a chain of locks and joins, for the caller; or every task of the loop
     *     waits and nothing could wake any of them
     */
    static boolean await(Task<?> caller, BooleanSupplier ready, long timeoutNanos,
            Source source, Object blocker) {
        if (caller == null) {
            return awaitInThread(ready, timeoutNanos, blocker);
        }
        caller.throwIfCancelled();
        if (ready.getAsBoolean()) {
            return true;
        }
        if (timeoutNanos == 0) {
            return false;
        }
        TaskWaitState waits = caller.waitState();
        boolean joins = blocker instanceof Task<?>;
        waits.waitOn(blocker, timeoutNanos >= 0, joins);   // published before the walk
        try {
            if (blocker instanceof Task<?> joined) {
                DeadlockException deadlock = WaitGraph.check(caller, joined);
                if (deadlock != null) {
                    throw deadlock;
                }
            }
            return park(caller, waits, ready, timeoutNanos, source, blocker);
        } finally {
            waits.stopWaiting();
        }
    }

    private static boolean park(Task<?> caller, TaskWaitState waits, BooleanSupplier ready,
            long timeoutNanos, Source source, Object blocker) {
        Loop loop = caller.loop;
        Timer timer = timeoutNanos > 0 ? loop.wakeAfter(caller.thread, timeoutNanos) : null;
        boolean counted = source == Source.THIS_LOOP;
        if (counted) {
            loop.taskWaitsOnLoop();
        }
        try {
            while (true) {
                LockSupport.park(blocker);
                caller.absorbInterrupt();
                DeadlockException deadlock = waits.takeDeadlock();
                if (deadlock != null) {
                    throw deadlock;
                }
                caller.throwIfCancelled();
                if (ready.getAsBoolean()) {
                    return true;
                }
                if (timer != null && timer.hasFired()) {
                    return false;
                }
            }
        } finally {
            if (counted) {
                loop.taskResumes();
            }
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    private static boolean awaitInThread(BooleanSupplier ready, long timeoutNanos, Object blocker) {
        long deadline = timeoutNanos < 0 ? 0 : Durations.deadline(System.nanoTime(), timeoutNanos);
        while (!ready.getAsBoolean()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException(
                        "thread \"" + Thread.currentThread().getName() + "\" was interrupted while "
                                + "waiting for " + blocker);
            }
            if (timeoutNanos < 0) {
                LockSupport.park(blocker);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(blocker, left);
            }
        }
        return true;
    }
}
