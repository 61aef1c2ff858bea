package dev.weft;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows a set of tasks for one waiting thread: counts those finished, remembers the first that
 * failed, and keeps them in finishing order. Behind joinAll, gather, waitTasks and asCompleted.
 */
final class TaskWatch implements Task.Listener {
    private final Thread waiter = Thread.currentThread();
    private final int size;
    private final AtomicInteger finished = new AtomicInteger();
    private final ConcurrentLinkedQueue<Task<?>> finishedInOrder = new ConcurrentLinkedQueue<>();
    private volatile Task<?> firstUnsuccessful;   // failed or cancelled
    private volatile Task<?> firstFailed;         // failed only
    private final Waiting.Source source;
    private final List<Task.Completion> registrations;

    /** Starts following {@code tasks}; call from the thread that will wait. */
    TaskWatch(List<? extends Task<?>> tasks) {
        this.size = tasks.size();
        Task<?> caller = Task.currentOrNull();
        boolean allLocal = caller != null;
        for (Task<?> task : tasks) {
            allLocal = allLocal && task.loop == caller.loop;
        }
        this.source = allLocal ? Waiting.Source.THIS_LOOP : Waiting.Source.ELSEWHERE;
        this.registrations = new ArrayList<>(tasks.size());
        for (Task<?> task : tasks) {
            registrations.add(task.whenFinished(this));
        }
    }

    /** The wait is over: tasks still running need not tell this watch when they finish. */
    void abandon() {
        for (Task.Completion registration : registrations) {
            registration.abandon();
        }
    }

    @Override
    public void taskFinished(Task<?> task) {
        finishedInOrder.add(task);
        if (task.status() != Task.Status.DONE && firstUnsuccessful == null) {
            firstUnsuccessful = task;
        }
        if (task.status() == Task.Status.FAILED && firstFailed == null) {
            firstFailed = task;
        }
        finished.incrementAndGet();
        LockSupport.unpark(waiter);
    }

    boolean allFinished() {
        return finished.get() == size;
    }

    int finishedCount() {
        return finished.get();
    }

    Task<?> firstUnsuccessful() {
        return firstUnsuccessful;
    }

    Task<?> firstFailed() {
        return firstFailed;
    }

    /** Removes the next task in finishing order, or returns null if none is waiting. */
    Task<?> pollFinished() {
        return finishedInOrder.poll();
    }

    boolean hasFinishedWaiting() {
        return !finishedInOrder.isEmpty();
    }

    Waiting.Source source() {
        return source;
    }
}
