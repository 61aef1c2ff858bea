package dev.weft.exec;

import dev.weft.Loop;
import dev.weft.Weft;
import dev.weft.internal.Interrupts;
import dev.weft.internal.Parking;
import dev.weft.internal.WaitList;
import dev.weft.internal.WaitPoint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A piece of work submitted to a {@link WorkerPool}: Python's {@code concurrent.futures.Future},
 * a {@link java.util.concurrent.Future} that tasks can wait on without blocking their loop.
 *
 * {@snippet :
 * Work<String> page = pool.submit(() -> Files.readString(path));
 * page.onDone(work -> System.out.println("read " + work));
 * String text = page.result();          // parks this task; the loop runs the others
 * }
 *
 * <p><b>Thread safety:</b> every method may be called from any thread and any task. Waiting from
 * a task parks only that task.
 *
 * <p><b>Cancellation:</b> {@link #cancel()} stops work that has not started; running work is
 * interrupted and ends {@link Status#CANCELLED} at once, its eventual result dropped. A task
 * waiting in {@link #result()} or {@link #join()} that is cancelled gets
 * {@link CancellationException}; the work itself goes on (use {@link WorkerPool#call} to cancel
 * both together).
 *
 * @param <T> the result type
 */
public final class Work<T> implements RunnableFuture<T> {
    /* How it works: `status` goes PENDING -> RUNNING -> DONE/FAILED by the worker, or to
     * CANCELLED from PENDING or RUNNING by cancel(); every step is a CAS, so exactly one outcome
     * wins. The worker writes `outcome` before its CAS publishes it. Waiters and callbacks are
     * kept under `point` and served once the status is final. */

    /** The stages of a piece of work. */
    public enum Status {
        /** Submitted, waiting for a worker. */
        PENDING,
        /** Running on a worker thread. */
        RUNNING,
        /** Finished with a value. */
        DONE,
        /** Finished by throwing. */
        FAILED,
        /** Cancelled before it finished. */
        CANCELLED;

        /** Returns whether this status is final. */
        public boolean isFinished() {
            return ordinal() >= DONE.ordinal();
        }
    }

    private static final VarHandle STATUS;

    static {
        try {
            STATUS = MethodHandles.lookup().findVarHandle(Work.class, "status", Status.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Callable<T> body;
    private final WorkerPool pool;
    private volatile Status status = Status.PENDING;   // any thread; CAS
    private Object outcome;                            // value or Throwable; published by status
    private volatile Thread runner;                    // the worker while RUNNING
    private volatile boolean cancelDelivered;          // a cancel of running work has interrupted
    private volatile boolean observed;                 // any thread
    private final WaitPoint point = WaitPoint.releasedElsewhere(this);
    private final WaitList waiters = new WaitList();   // guarded by point
    private List<Runnable> callbacks;                  // guarded by point; null once served

    Work(WorkerPool pool, Callable<T> body) {
        this.pool = pool;
        this.body = Objects.requireNonNull(body, "body");
        this.callbacks = new ArrayList<>(1);
    }

    /** Returns the current status. */
    public Status status() {
        return status;
    }

    @Override
    public State state() {
        return switch (status) {
            case PENDING, RUNNING -> State.RUNNING;
            case DONE -> State.SUCCESS;
            case FAILED -> State.FAILED;
            case CANCELLED -> State.CANCELLED;
        };
    }

    @Override
    public boolean isDone() {
        return status.isFinished();
    }

    @Override
    public boolean isCancelled() {
        return status == Status.CANCELLED;
    }

    /** Runs the work on the calling (worker) thread, unless it was cancelled or has run. */
    @Override
    public void run() {
        if (!STATUS.compareAndSet(this, Status.PENDING, Status.RUNNING)) {
            return;
        }
        runner = Thread.currentThread();
        pool.started(this);
        Object result;
        Status end;
        try {
            result = body.call();
            end = Status.DONE;
        } catch (Throwable failure) {
            result = failure;
            end = Status.FAILED;
        } finally {
            runner = null;
            pool.ended(this);
        }
        outcome = result;
        if (STATUS.compareAndSet(this, Status.RUNNING, end)) {
            if (end == Status.FAILED) {
                pool.failed(this);
            }
            finished();
            return;
        }
        // Cancelled while running: wait until the canceller's interrupt has landed, then clear
        // it, so that it cannot hit the worker's next job.
        while (!cancelDelivered) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
    }

    /**
     * Cancels the work: work not started never runs; running work is interrupted and ends
     * CANCELLED at once. Never blocks.
     *
     * @return false if the work had already finished
     */
    public boolean cancel() {
        while (true) {
            Status current = status;
            if (current.isFinished()) {
                return false;
            }
            if (STATUS.compareAndSet(this, current, Status.CANCELLED)) {
                if (current == Status.RUNNING) {
                    Thread worker = runner;
                    if (worker != null) {
                        worker.interrupt();
                    }
                    cancelDelivered = true;
                }
                finished();
                return true;
            }
        }
    }

    /** Same as {@link #cancel()}; running work is always interrupted. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel();
    }

    /**
     * Waits until the work has finished; never throws its failure. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws CancellationException if the waiting task is cancelled (or the waiting thread
     *     interrupted)
     */
    public void join() {
        awaitFinished(-1);
    }

    /**
     * Waits for the work and returns its value, throwing its failure as it is when unchecked and
     * wrapped in {@link CompletionException} when checked: Python's {@code result()}. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws CancellationException if the work was cancelled, or the waiting task is
     */
    public T result() {
        join();
        return resultNow();
    }

    /**
     * Waits for the work and returns its value, as {@link java.util.concurrent.Future#get()}
     * does. This is a {@linkplain dev.weft cancellation point}.
     *
     * @throws ExecutionException wrapping the work's failure
     * @throws CancellationException if the work was cancelled, or the waiting task is
     * @throws InterruptedException if the waiting plain thread is interrupted
     */
    @Override
    public T get() throws InterruptedException, ExecutionException {
        awaitInterruptibly(-1);
        return reportForGet();
    }

    /**
     * Waits at most {@code timeout} for the work, measured on the waiting task's loop clock (real
     * time for a plain thread), and returns its value.
     *
     * @throws TimeoutException if the work has not finished in time
     * @throws ExecutionException wrapping the work's failure
     * @throws InterruptedException if the waiting plain thread is interrupted
     */
    @Override
    public T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!awaitInterruptibly(Math.max(0, unit.toNanos(timeout)))) {
            throw new TimeoutException(this + " did not finish within " + timeout + " " + unit);
        }
        return reportForGet();
    }

    /**
     * Returns the value of finished work without waiting, throwing its failure as
     * {@link #result()} does.
     *
     * @throws IllegalStateException if the work has not finished
     */
    @Override
    @SuppressWarnings("unchecked")
    public T resultNow() {
        Status current = status;
        if (!current.isFinished()) {
            throw new IllegalStateException(this + " has not finished; use result() to wait");
        }
        observed = true;
        return switch (current) {
            case DONE -> (T) outcome;
            case FAILED -> throw unchecked((Throwable) outcome);
            case CANCELLED -> throw new CancellationException(this + " was cancelled");
            default -> throw new AssertionError(current);
        };
    }

    /**
     * Returns how finished work failed: its failure, a {@link CancellationException} if it was
     * cancelled, or null if it succeeded. Reading it counts as observing the failure.
     *
     * @throws IllegalStateException if the work has not finished
     */
    public Throwable exception() {
        Status current = status;
        if (!current.isFinished()) {
            throw new IllegalStateException(this + " has not finished; join() it first");
        }
        observed = true;
        return switch (current) {
            case DONE -> null;
            case FAILED -> (Throwable) outcome;
            default -> new CancellationException(this + " was cancelled");
        };
    }

    /**
     * Registers a callback run once the work has finished: Python's {@code add_done_callback}.
     * Callbacks registered before the work finished run in registration order; one registered
     * after it finished runs soon, not necessarily after those. Registered from
     * a task, the callback runs on that task's loop as a plain callback (it must not block), so
     * it may touch the loop's state without locks; registered from a plain thread, it runs on the
     * thread that finished the work. A failing callback is reported, not thrown.
     */
    public void onDone(Consumer<? super Work<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        Loop loop = Weft.inTask() ? Weft.current().loop() : null;
        Runnable call = () -> runCallback(callback, loop);
        synchronized (point) {
            if (callbacks != null) {
                callbacks.add(call);
                return;
            }
        }
        call.run();
    }

    /** Returns a {@link CompletableFuture} completed with this work's outcome. */
    public CompletableFuture<T> toCompletableFuture() {
        var future = new CompletableFuture<T>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                Work.this.cancel();
                return super.cancel(mayInterruptIfRunning);
            }
        };
        onDoneHere(() -> {
            switch (status) {
                case DONE -> future.complete(resultNow());
                case FAILED -> future.completeExceptionally(exception());
                default -> future.cancel(false);
            }
        });
        return future;
    }

    @Override
    public String toString() {
        return "Work[" + body.getClass().getSimpleName() + " on " + pool.name() + " " + status
                + "]";
    }

    boolean isObserved() {
        return observed;
    }

    Throwable failure() {
        return status == Status.FAILED ? (Throwable) outcome : null;
    }

    // ---- waiting and finishing -----------------------------------------------------------------

    private void onDoneHere(Runnable action) {
        synchronized (point) {
            if (callbacks != null) {
                callbacks.add(action);
                return;
            }
        }
        action.run();
    }

    /** The status became final: wakes the waiters and runs the callbacks, in that order. */
    private void finished() {
        List<Runnable> toRun;
        synchronized (point) {
            waiters.grantAll(null);
            toRun = callbacks;
            callbacks = null;
        }
        for (Runnable callback : toRun) {
            callback.run();
        }
    }

    private void runCallback(Consumer<? super Work<T>> callback, Loop loop) {
        Runnable call = () -> {
            try {
                callback.accept(this);
            } catch (Throwable e) {   // user code: even a checked exception thrown sneakily
                pool.report("a done-callback of " + this + " failed", e);
            }
        };
        if (loop != null) {
            try {
                loop.callLater(Duration.ZERO, call);
                return;
            } catch (RejectedExecutionException closed) {
                // The registering task's loop has closed: run it here rather than lose it.
            }
        }
        call.run();
    }

    private boolean awaitInterruptibly(long timeoutNanos) throws InterruptedException {
        Object me = Parking.get().currentParty();
        try {
            return awaitFinished(timeoutNanos);
        } catch (CancellationException e) {
            throw Interrupts.forThread(me, e);
        }
    }

    private boolean awaitFinished(long timeoutNanos) {
        return point.awaitUntil(() -> status.isFinished(), waiters, timeoutNanos);
    }

    @SuppressWarnings("unchecked")
    private T reportForGet() throws ExecutionException {
        observed = true;
        return switch (status) {
            case DONE -> (T) outcome;
            case FAILED -> throw new ExecutionException(this + " failed", (Throwable) outcome);
            case CANCELLED -> throw new CancellationException(this + " was cancelled");
            default -> throw new AssertionError(status);
        };
    }

    private static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new CompletionException(failure);
    }
}
