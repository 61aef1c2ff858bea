package dev.weft;

import dev.weft.internal.Parking;
import dev.weft.internal.WaitPoint;
import dev.weft.internal.Waiter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;

/**
 * How the primitives of {@code sync} and {@code queue} wait: in a task, on the loop's timers and
 * cancel scopes, counted as a loop wait when the primitive belongs to the loop, and followed by
 * deadlock detection; in a plain thread, on real time and interrupts.
 */
final class LoopParking implements Parking {
    static final LoopParking INSTANCE = new LoopParking();

    static {
        Parking.install(INSTANCE);
    }

    private LoopParking() {}

    @Override
    public Object currentParty() {
        Task<?> task = Task.currentOrNull();
        return task != null ? task : Thread.currentThread();
    }

    @Override
    public Object loopOf(Object party) {
        // A loop's own callbacks run on its carrier: they belong to the loop as its tasks do.
        return party instanceof Task<?> task ? task.loop : Loop.ofCarrier((Thread) party);
    }

    @Override
    public String describe(Object party) {
        return party instanceof Task<?> task ? "task \"" + task.name() + "\"" : String.valueOf(party);
    }

    @Override
    public long nanoTime(Object party) {
        return party instanceof Task<?> task ? task.loop.nanoTime() : System.nanoTime();
    }

    @Override
    public boolean isCancelling(Object party) {
        return party instanceof Task<?> task ? task.cancellationPending()
                : ((Thread) party).isInterrupted();
    }

    @Override
    public void checkpoint(Object party) {
        if (party instanceof Task<?> task) {
            task.throwIfCancelled();
        } else if (Thread.currentThread().isInterrupted()) {
            throw interrupted(null);
        }
    }

    @Override
    public boolean await(Waiter waiter, long timeoutNanos) {
        // One method from the primitive down to the park, with the rare cases in another:
        // every frame above a park is frozen and thawed on each switch.
        if (!(waiter.party() instanceof Task<?> task)) {
            return awaitInThread(waiter, timeoutNanos);
        }
        if (timeoutNanos == 0) {
            return !waiter.abandon();
        }
        TaskWaitState state = task.waitState();
        boolean owned = waiter.target().holder() != null;
        state.waitOn(waiter, timeoutNanos > 0, owned);   // published before the walk
        Loop loop = task.loop;
        Timer timer = null;
        boolean counted = false;
        try {
            if (owned) {
                failIfDeadlocked(task, waiter);
            }
            if (timeoutNanos > 0) {
                timer = loop.wakeAfter(task.thread, timeoutNanos);
            }
            counted = waiter.target().confinedTo(loop);
            if (counted) {
                loop.taskWaitsOnLoop();
            }
            while (!waiter.isGranted()) {
                LockSupport.park(waiter.target());
                if (!waiter.isGranted() && !stillWaiting(task, state, waiter, timer)) {
                    return waiter.isGranted();   // false once abandoned; true if granted late
                }
            }
            return true;
        } finally {
            state.stopWaiting();
            if (counted) {
                loop.taskResumes();
            }
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    /**
     * After a wake-up without a grant: returns whether to park again, or false once the wait
     * is over (its timeout passed and it was abandoned, or a grant raced with the end); throws
     * for a cancellation or a deadlock, with the waiter abandoned. A grant racing with any of
     * them wins, and the cancellation then applies at the next cancellation point.
     */
    private static boolean stillWaiting(Task<?> task, TaskWaitState state, Waiter waiter,
            Timer timer) {
        task.absorbInterrupt();
        DeadlockException deadlock = state.takeDeadlock();
        if (deadlock != null) {
            if (waiter.abandon()) {
                throw deadlock;
            }
            return false;
        }
        if (task.cancellationPending()) {
            if (waiter.abandon()) {
                throw task.cancellationMessage();
            }
            return false;
        }
        if (timer != null && timer.hasFired()) {
            waiter.abandon();
            return false;
        }
        if (waiter.target().holder() != null) {
            deadlock = WaitGraph.check(task, waiter);   // woken: has the holder ended?
            if (deadlock != null && waiter.abandon()) {
                throw deadlock;
            }
        }
        return true;
    }

    @Override
    public void awaitUncancellable(Waiter waiter) {
        // Interrupts are set aside while parking (a set interrupt would make park return at
        // once, spinning) and restored once the wait is granted.
        boolean interrupted = false;
        try {
            while (true) {
                interrupted |= Thread.interrupted();
                if (awaitOnce(waiter)) {
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One uncancellable park; returns whether the wait was granted. */
    private boolean awaitOnce(Waiter waiter) {
        Object party = waiter.party();
        Thread thread = Thread.currentThread();
        if (party instanceof Task<?> task) {
            TaskWaitState state = task.waitState();
            state.waitOn(waiter, false, true);
            try {
                failIfDeadlocked(task, waiter);
                counted(task, waiter, () -> LockSupport.park(waiter.target()));
                DeadlockException deadlock = state.takeDeadlock();
                if (deadlock != null && waiter.abandon()) {
                    throw deadlock;
                }
            } finally {
                state.stopWaiting();
            }
        } else {
            WaitGraph.threadWaits(thread, waiter, false);
            try {
                failIfDeadlocked(thread, waiter);
                LockSupport.park(waiter.target());
            } finally {
                WaitGraph.threadResumes(thread);
            }
        }
        return waiter.isGranted();
    }

    private static void failIfDeadlocked(Object party, Waiter waiter) {
        if (waiter.target().holder() != null) {
            DeadlockException deadlock = WaitGraph.check(party, waiter);
            if (deadlock != null && waiter.abandon()) {
                throw deadlock;
            }
        }
    }

    /** Runs {@code park}, counted as a loop wait when the target belongs to the task's loop. */
    private static void counted(Task<?> task, Waiter waiter, Runnable park) {
        boolean counted = waiter.target().confinedTo(task.loop);
        if (counted) {
            task.loop.taskWaitsOnLoop();
        }
        try {
            park.run();
        } finally {
            if (counted) {
                task.loop.taskResumes();
            }
        }
    }

    private static boolean awaitInThread(Waiter waiter, long timeoutNanos) {
        Thread thread = Thread.currentThread();
        WaitGraph.threadWaits(thread, waiter, timeoutNanos >= 0);
        try {
            failIfDeadlocked(thread, waiter);
            long deadline = timeoutNanos > 0
                    ? Durations.deadline(System.nanoTime(), timeoutNanos) : 0;
            while (!waiter.isGranted()) {
                if (thread.isInterrupted()) {
                    if (waiter.abandon()) {
                        throw interrupted(waiter);
                    }
                    break;
                }
                if (timeoutNanos < 0) {
                    LockSupport.park(waiter.target());
                    failIfDeadlocked(thread, waiter);   // woken: has the holder ended?
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || timeoutNanos == 0) {
                        return !waiter.abandon();
                    }
                    LockSupport.parkNanos(waiter.target(), left);
                }
            }
            return true;
        } finally {
            WaitGraph.threadResumes(thread);
        }
    }

    private static CancellationException interrupted(Waiter waiter) {
        return new CancellationException("thread \"" + Thread.currentThread().getName()
                + "\" was interrupted" + (waiter == null ? "" : " while waiting on "
                + waiter.target()));
    }

    @Override
    public void awaitReady(Object party, java.nio.channels.SelectableChannel channel, int ops)
            throws java.io.IOException {
        if (!(party instanceof Task<?> task)) {
            throw new WrongThreadException("Weft's sockets must be used from a task; start one "
                    + "with Weft.run(...)");
        }
        task.loop.poller().awaitReady(task, channel, ops);
    }

    @Override
    public void own(Object loop, java.nio.channels.SelectableChannel channel, Object owner) {
        ((Loop) loop).owned().add(channel, owner);
    }

    @Override
    public void forget(Object loop, java.nio.channels.SelectableChannel channel) {
        Loop owner = (Loop) loop;
        owner.owned().remove(channel);
        owner.runOnLoop(() -> owner.poller().forget(channel));
    }

    @Override
    public void acquired(Object party, WaitPoint lock) {
        if (party instanceof Task<?> task) {
            task.waitState().held.add(lock,
                    TaskWaitState.RECORD_SITES ? new Throwable("acquired here") : null);
        }
    }

    @Override
    public void released(Object party, WaitPoint lock) {
        if (party instanceof Task<?> task) {
            task.waitState().held.remove(lock);
        }
    }

    @Override
    public IllegalStateException selfDeadlock(String message) {
        return WaitGraph.deadlock(message);
    }
}
