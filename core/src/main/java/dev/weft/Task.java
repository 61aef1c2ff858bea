package dev.weft;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A unit of concurrent work on a {@link Loop}: one virtual thread that runs on the loop's thread,
 * plus its status, result, failure and done-callbacks. Created by {@code spawn} on a loop, on
 * {@link Weft} or on a {@link TaskGroup}.
 *
 * {@snippet :
 * Weft.run(() -> {
 *     Task<Integer> answer = Weft.spawn("answer", () -> 6 * 7);
 *     answer.onDone(t -> System.out.println(t + " finished"));
 *     return answer.result();            // 42; only this task waits, the loop runs on
 * });
 * }
 *
 * <p><b>Thread safety:</b> every method may be called from any thread and any loop. Waiting from a
 * task parks only that task.
 *
 * <p><b>Cancellation:</b> {@link #cancel()} interrupts the task's thread: Weft's waits then throw
 * {@link CancellationException}, and JDK calls fail as they do on interrupt (a socket read
 * closes the socket, {@code Thread.sleep} throws {@link InterruptedException}); {@code finally}
 * blocks run. A task ends {@link Status#CANCELLED} when, after a cancel, it ends with the
 * exception the cancel caused ({@link CancellationException}, {@link InterruptedException}, a
 * socket closed by the interrupt), or when it throws {@link CancellationException} at any time;
 * a different failure during its cleanup ends it {@link Status#FAILED}. A task that catches the
 * cancellation and returns a value ends {@link Status#DONE}. An interrupt of the task's thread
 * that did not come from Weft counts as a cancel at the task's next Weft wait.
 *
 * <p><b>Context:</b> each task is its own thread, so a {@link ThreadLocal} holds one value per
 * task, kept across the task's waits. A spawned task does <em>not</em> inherit the spawner's
 * {@link InheritableThreadLocal} values (the loop creates task threads lazily, on its own thread)
 * nor its {@link ScopedValue} bindings (only {@code StructuredTaskScope} forks inherit those); a
 * binding made inside a task holds across the task's waits. Hand context to a task explicitly,
 * for example by binding a captured value again inside the body:
 * {@snippet :
 * String user = USER.get();
 * Weft.spawn(() -> ScopedValue.where(USER, user).call(() -> handle(request)));
 * }
 *
 * @param <T> the result type
 */
public final class Task<T> extends TimerEntry implements Future<T> {
    /* How it works: a spawned task is queued on its loop as its `step`; when the loop reaches
     * it, the loop creates the task's virtual thread and runs it at once (Loop.startOnCarrier),
     * so a task waiting its turn costs a small object, not a thread. The same `step` is the body
     * of the virtual thread, where it runs the task's code, and the thread's scheduler, which is
     * how Task.current() finds the task (user code may replace the thread's uncaught-exception
     * handler, but not its scheduler). The outcome is written once, then
     * published by the volatile write of `status`. Everything waiting for the outcome (joining
     * threads, internal listeners, user callbacks) is pushed on a lock-free stack, `completions`;
     * finishing swaps the stack for FINISHED and serves it in registration order, and a push that
     * finds FINISHED serves itself. Joining threads are stored as the node's target directly, so
     * a join costs one node. The task's cancel scopes form a chain from `scope`, touched only by
     * the task's own thread and by the loop thread while the task is parked (one carrier, so
     * never at the same time). */

    /** The stages of a task's life. */
    public enum Status {
        /** Spawned, not yet started by its loop. */
        PENDING,
        /** Started and not finished: running, ready or waiting. */
        RUNNING,
        /** Finished with a value. */
        DONE,
        /** Finished by throwing. */
        FAILED,
        /** Finished by cancellation. */
        CANCELLED;

        /** Returns whether this status is final. */
        public boolean isFinished() {
            return ordinal() >= DONE.ordinal();
        }
    }

    private static final VarHandle STATUS;
    private static final VarHandle COMPLETIONS;
    private static final VarHandle CANCEL_REQUESTED;
    private static final VarHandle BODY;
    private static final Completion FINISHED = new Completion(null);

    static {
        try {
            var lookup = MethodHandles.lookup();
            STATUS = lookup.findVarHandle(Task.class, "status", Status.class);
            COMPLETIONS = lookup.findVarHandle(Task.class, "completions", Completion.class);
            CANCEL_REQUESTED = lookup.findVarHandle(Task.class, "cancelRequested", boolean.class);
            BODY = lookup.findVarHandle(Task.class, "body", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Loop loop;
    final Task<?> parent;
    final Step step = new Step(this);
    Thread thread;                                   // set by the loop thread at start; null
                                                     // before start and after finish
    private final int id;   // for names; an int keeps the task at 72 bytes, and wraps after 2^32
    private final String name;                       // null: derived from id on demand
    // Before the task runs: its Callable or Action. Once it runs: its TaskWaitState, created at
    // its first wait, or null. One field for both keeps a task at 72 bytes. Written by the
    // task's own thread (release), read by any thread (acquire) through BODY.
    private Object body;
    private volatile Status status = Status.PENDING; // any thread; CAS
    private Object outcome;                          // value or Throwable; published by status
    private volatile Completion completions;         // any thread; CAS; FINISHED once served
    private volatile boolean cancelRequested;        // any thread; CAS
    private volatile boolean observed;               // any thread
    private boolean detached;                        // set before start; nobody holds the task
    CancelScope scope;                               // innermost scope; see "How it works"
    Task<?> previousAlive;                           // loop thread only
    Task<?> nextAlive;                               // loop thread only

    /** Creates a task whose body is a {@link Callable}, or an {@link Action} for a Void task. */
    Task(Loop loop, long id, String name, Object body, Task<?> parent) {
        this.loop = loop;
        this.id = (int) id;
        this.name = name;
        this.body = body;
        this.parent = parent;
    }

    /**
     * Returns the task running the calling code.
     *
     * @throws WrongThreadException if the caller is not a task
     */
    public static Task<?> current() {
        Task<?> task = currentOrNull();
        if (task == null) {
            throw new WrongThreadException("Task.current() must be called from a task; "
                    + "start one with Weft.run(...) or Loop.spawn(...)");
        }
        return task;
    }

    /** Returns the task running the calling code, or null if the caller is not a task. */
    static Task<?> currentOrNull() {
        return Loop.currentTask();
    }

    /** Returns the name given at spawn, or {@code task-<id>}. */
    public String name() {
        return name != null ? name : "task-" + Integer.toUnsignedString(id);
    }

    /** Returns the loop that runs this task. */
    public Loop loop() {
        return loop;
    }

    /** Returns the current status. */
    public Status status() {
        return status;
    }

    /** Returns the status in {@link Future}'s terms: pending and running are both RUNNING. */
    @Override
    public Future.State state() {
        return switch (status) {
            case PENDING, RUNNING -> Future.State.RUNNING;
            case DONE -> Future.State.SUCCESS;
            case FAILED -> Future.State.FAILED;
            case CANCELLED -> Future.State.CANCELLED;
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

    /** Returns whether someone asked to cancel this task, whether or not it has finished. */
    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /**
     * Waits until this task has finished; never throws the task's failure. Only the calling task
     * waits; the loop keeps running the others. This is a {@linkplain dev.weft cancellation point}.
     *
     * @throws IllegalStateException if a task joins itself, which could never return
     * @throws CancellationException if the waiting task is cancelled (or the waiting thread
     *     interrupted) while it waits
     */
    public void join() {
        awaitFinished(-1);
    }

    /**
     * Waits until this task has finished or the timeout passes on the waiting loop's clock (real
     * time for a plain thread). This is a {@linkplain dev.weft cancellation point}.
     *
     * @return whether the task has finished
     * @throws IllegalArgumentException if the timeout is negative
     * @throws IllegalStateException if a task joins itself
     */
    public boolean join(java.time.Duration timeout) {
        return awaitFinished(Durations.toNanos(timeout, "timeout"));
    }

    /**
     * Waits for the task and returns its value, throwing its failure as it is when unchecked and
     * wrapped in {@link CompletionException} when checked. This is the everyday way to read a
     * result, and a {@linkplain dev.weft cancellation point}.
     *
     * @throws CancellationException if the task was cancelled, or the waiting task is
     * @throws IllegalStateException if a task waits for itself
     */
    public T result() {
        join();
        return resultNow();
    }

    /**
     * Waits for the task and returns its value, as {@link Future#get()} does. This is a
     * {@linkplain dev.weft cancellation point}; a waiting task that is cancelled gets
     * {@link CancellationException}.
     *
     * @throws ExecutionException wrapping the task's failure
     * @throws CancellationException if the task was cancelled
     * @throws InterruptedException if the waiting plain thread is interrupted
     * @throws IllegalStateException if a task waits for itself
     */
    @Override
    public T get() throws InterruptedException, ExecutionException {
        awaitForGet(-1);
        return reportForGet();
    }

    /**
     * Waits at most {@code timeout} for the task and returns its value, as
     * {@link Future#get(long, TimeUnit)} does; the time is measured on the waiting loop's clock.
     *
     * @throws TimeoutException if the task has not finished in time
     * @throws ExecutionException wrapping the task's failure
     * @throws InterruptedException if the waiting plain thread is interrupted
     */
    @Override
    public T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!awaitForGet(Math.max(0, unit.toNanos(timeout)))) {
            throw new TimeoutException(this + " did not finish within " + timeout + " " + unit);
        }
        return reportForGet();
    }

    /**
     * Waits as {@link #awaitFinished} does, but a plain thread interrupted meanwhile gets the
     * {@link InterruptedException} that {@link Future#get()} promises.
     */
    private boolean awaitForGet(long timeoutNanos) throws InterruptedException {
        try {
            return awaitFinished(timeoutNanos);
        } catch (CancellationException e) {
            if (Task.currentOrNull() == null && Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for " + this);
            }
            throw e;
        }
    }

    private T reportForGet() throws ExecutionException {
        if (status != Status.DONE) {
            markObserved();
        }
        return switch (status) {
            case DONE -> value();
            case FAILED -> throw new ExecutionException("task \"" + name() + "\" failed",
                    (Throwable) outcome);
            case CANCELLED -> throw cancellationFor(this);
            default -> throw new AssertionError(status);
        };
    }

    /**
     * Returns the value of a finished task without waiting, throwing its failure as
     * {@link #result()} does.
     *
     * @throws IllegalStateException if the task has not finished
     */
    @Override
    public T resultNow() {
        Status current = status;
        if (!current.isFinished()) {
            throw new IllegalStateException(
                    this + " has not finished; use result() to wait for it");
        }
        if (current != Status.DONE) {
            markObserved();
        }
        return switch (current) {
            case DONE -> value();
            case FAILED -> throw Failures.unchecked((Throwable) outcome);
            case CANCELLED -> throw cancellationFor(this);
            default -> throw new AssertionError(current);
        };
    }

    /**
     * Returns how a finished task failed without waiting: the failure of a FAILED task, the
     * {@link CancellationException} of a CANCELLED one, null for DONE. Reading it counts as
     * observing the failure, so it is not reported when the loop closes.
     *
     * @throws IllegalStateException if the task has not finished
     */
    public Throwable exception() {
        Status current = status;
        if (!current.isFinished()) {
            throw new IllegalStateException(this + " has not finished; join() it first");
        }
        markObserved();
        return current == Status.DONE ? null : (Throwable) outcome;
    }

    /**
     * Returns the failure of a FAILED task without waiting, as {@link Future#exceptionNow()}.
     *
     * @throws IllegalStateException if the task has not finished, succeeded or was cancelled
     */
    @Override
    public Throwable exceptionNow() {
        if (status != Status.FAILED) {
            throw new IllegalStateException(this + " did not fail");
        }
        return exception();
    }

    /**
     * Asks the task to stop: a task not started yet never runs its body; a running one is
     * interrupted at its current or next {@linkplain dev.weft cancellation point}, unless it is
     * inside {@link Weft#shield}, in which case the cancel waits for the shield to end. Never
     * blocks; {@link #join()} waits for the task to finish.
     *
     * @return false if the task had already finished, true otherwise
     */
    public boolean cancel() {
        if (status.isFinished()) {
            return false;
        }
        if (CANCEL_REQUESTED.compareAndSet(this, false, true)) {
            loop.runOnLoop(this::deliverCancel);
        }
        return true;
    }

    /**
     * Same as {@link #cancel()}; a Weft task is always interrupted, so the argument is ignored.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel();
    }

    /**
     * Registers a callback run on this task's loop once the task has finished; callbacks run in
     * registration order, and one registered after the task finished runs soon after. A callback
     * runs on the loop's thread as a plain callback, not as a task: it must not block (spawn a
     * task for that). A callback that throws is reported to the loop's {@link ExceptionHandler}.
     * After the loop has closed, callbacks run on a Weft fallback thread.
     */
    public void onDone(Consumer<? super Task<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        addCompletion(new Completion(new DoneCallback<>(this, callback)));
    }

    /**
     * Returns a {@link CompletableFuture} completed with this task's outcome; cancelling the
     * future cancels the task.
     */
    public CompletableFuture<T> toCompletableFuture() {
        var future = new CompletableFuture<T>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                Task.this.cancel();
                return super.cancel(mayInterruptIfRunning);
            }
        };
        whenFinished(task -> {
            switch (status) {
                case DONE -> future.complete(value());
                case FAILED -> {
                    markObserved();
                    future.completeExceptionally((Throwable) outcome);
                }
                default -> future.cancel(false);
            }
        });
        return future;
    }

    @Override
    public String toString() {
        return "Task[" + name() + " " + status + "]";
    }

    // ---- internal: used by Loop, Weft, TaskGroup, CancelScope ----------------------------------

    /** Registers a listener called synchronously by whichever thread finishes the task. */
    Completion whenFinished(Listener listener) {
        var node = new Completion(listener);
        addCompletion(node);
        return node;
    }

    boolean isObserved() {
        return observed;
    }

    /** Before start: nobody will hold this task, so its failure is reported when it happens. */
    void detach() {
        detached = true;
    }

    boolean isDetached() {
        return detached;
    }

    void markObserved() {
        if (!observed) {
            observed = true;
            loop.failureObserved(this);
        }
    }

    /** Returns the failure or cancellation without marking it observed. */
    Throwable failure() {
        return status == Status.FAILED || status == Status.CANCELLED ? (Throwable) outcome : null;
    }

    /** Loop thread: the task's sleep deadline has come; see {@link Loop#sleepFor}. */
    @Override
    void fire() {
        Thread sleeper = thread;
        if (sleeper != null) {
            LockSupport.unpark(sleeper);
        }
    }

    /** Queues the task on its loop, which creates and runs its thread when it gets to it. */
    void start() {
        loop.post(step);
    }

    /** The name the task's thread gets, or null to leave it unnamed. */
    String threadName() {
        return name;
    }

    /** Waits until finished; returns false if the timeout (non-negative) passed first. */
    private boolean awaitFinished(long timeoutNanos) {
        if (status.isFinished()) {
            Task<?> caller = currentOrNull();
            if (caller != null) {
                caller.throwIfCancelled();
            }
            return true;
        }
        if (thread == Thread.currentThread() && thread != null) {
            throw new IllegalStateException(
                    "task \"" + name() + "\" cannot join itself: it would wait forever");
        }
        Task<?> caller = currentOrNull();
        Completion node = new Completion(Thread.currentThread());
        addCompletion(node);
        Waiting.Source source = caller != null && caller.loop == loop
                ? Waiting.Source.THIS_LOOP : Waiting.Source.ELSEWHERE;
        boolean finished = false;
        try {
            finished = Waiting.await(caller, this::isDone, timeoutNanos, source, this);
            return finished;
        } finally {
            if (!finished) {
                node.abandon();
            }
        }
    }

    /** Runs on the loop thread: interrupts the task unless a shield protects it. */
    private void deliverCancel() {
        if (status.isFinished()) {
            return;
        }
        if (status == Status.PENDING) {
            loop.startDelayed(this);   // a delayed task that never started ends CANCELLED now
        }
        for (TaskGroup group : loop.openGroups(this)) {
            group.cancel();
        }
        if (thread != null && !CancelScope.isShielded(scope)) {
            thread.interrupt();
        }
    }

    /** Whether a cancellation applies to the calling task now: the task's or a scope's. */
    boolean cancellationPending() {
        return CancelScope.cancellationPending(scope, cancelRequested);
    }

    /**
     * Own thread, after a park: an interrupt that Weft did not send (someone called
     * {@code interrupt()} on the task's thread) becomes a cancel of the task, so that a wait ends
     * instead of spinning on the interrupt; inside a shield the cancel waits for the shield.
     */
    void absorbInterrupt() {
        if (Thread.currentThread().isInterrupted() && !cancellationPending()) {
            Thread.interrupted();
            cancel();   // delivered at once: interrupts again unless a shield holds it back
        }
    }

    /** Own thread: throws if a cancellation applies now. */
    void throwIfCancelled() {
        if (cancellationPending()) {
            throw cancellationMessage();
        }
    }

    CancellationException cancellationMessage() {
        CancelScope expired = CancelScope.firstCancelled(scope);
        return new CancellationException(expired != null
                ? "task \"" + name() + "\" was cancelled by " + expired
                : "task \"" + name() + "\" was cancelled");
    }

    /** Loop thread: ends a task that was cancelled before it got a thread. */
    void finishUnstarted() {
        cancelRequested = true;
        body = null;
        finish(Status.CANCELLED, new CancellationException(
                "task \"" + name() + "\" was cancelled before it started"));
    }

    /** In the task's thread: marks it running and returns its body, which runs only once. */
    Object takeBody() {
        STATUS.setRelease(this, Status.RUNNING);
        Object work = body;
        body = null;
        return work;
    }

    /** Own thread, once running: what the task waits on and holds, created on first use. */
    TaskWaitState waitState() {
        if (body instanceof TaskWaitState state) {
            return state;
        }
        var state = new TaskWaitState();
        BODY.setRelease(this, state);
        return state;
    }

    /** Any thread: the task's wait state, or null if it has none (yet). */
    TaskWaitState waitStateOrNull() {
        return BODY.getAcquire(this) instanceof TaskWaitState state ? state : null;
    }

    /** In the task's thread: records the value the body returned. */
    @SuppressWarnings("unchecked")
    void succeeded(Object value) {
        finish(Status.DONE, (T) value);
    }

    void failed(Throwable failure) {
        if (failure instanceof CancellationException
                || (cancelRequested && Cancellation.isSignal(failure))) {
            finish(Status.CANCELLED, failure instanceof CancellationException
                    ? failure : cancellationFrom(failure));
        } else {
            finish(Status.FAILED, failure);
        }
    }

    private CancellationException cancellationFrom(Throwable cause) {
        var cancellation = new CancellationException("task \"" + name() + "\" was cancelled");
        cancellation.initCause(cause);
        return cancellation;
    }

    private void finish(Status finalStatus, Object result) {
        TaskWaitState waits = waitStateOrNull();
        List<dev.weft.internal.WaitPoint> stillHeld = waits == null || waits.held.isEmpty()
                ? null : waits.held.locks();
        if (stillHeld != null) {
            reportHeldLocks(stillHeld);
        }
        outcome = result;
        STATUS.setRelease(this, finalStatus);   // publishes outcome; the swap below fences
        if (stillHeld != null) {
            stillHeld.forEach(dev.weft.internal.WaitPoint::holderEnded);   // after the status:
        }                                              // their waiters must see this task ended
        loop.taskFinished(this);
        WeftEvents.taskEnded(this);
        Completion stack = (Completion) COMPLETIONS.getAndSet(this, FINISHED);
        if (stack != null && stack.next == null) {
            serve(stack);
        } else if (stack != null) {
            serveInOrder(stack);
        }
        // Only now: listeners served above run on this thread and must still find their task.
        // Then the finished thread can be collected while the task is referenced.
        thread = null;
    }

    /** Serves a stack of several completions, newest first, in registration order. */
    private void serveInOrder(Completion stack) {
        List<Completion> ordered = new ArrayList<>();
        for (Completion node = stack; node != null; node = node.next) {
            ordered.add(node);
        }
        for (int i = ordered.size() - 1; i >= 0; i--) {
            serve(ordered.get(i));
        }
    }

    /** Own thread, ending: the locks it still holds stay held, as the Lock contract says. */
    private void reportHeldLocks(List<dev.weft.internal.WaitPoint> locks) {
        for (dev.weft.internal.WaitPoint lock : locks) {
            loop.report("task \"" + name() + "\" ended while holding " + lock
                    + "; it stays held, and tasks waiting for it will get a DeadlockException"
                    + (lock.heldSite() == null ? " (run with -Dweft.debug=true to record where "
                    + "locks are acquired)" : "; it was acquired where the trace shows"),
                    lock.heldSite());
        }
    }

    private void addCompletion(Completion node) {
        while (true) {
            Completion head = completions;
            if (head == FINISHED) {
                serve(node);
                return;
            }
            if (head != null && head.target == null) {
                // An abandoned wait (timed out or cancelled) on top: drop it, so that a task
                // polled with timeouts for hours does not collect one node per poll.
                COMPLETIONS.compareAndSet(this, head, head.next);
                continue;
            }
            node.next = head;
            if (COMPLETIONS.compareAndSet(this, head, node)) {
                return;
            }
        }
    }

    /** How many registrations wait for this task, abandoned ones included; for tests. */
    int waitersForTest() {
        int count = 0;
        for (Completion node = completions; node != null && node != FINISHED; node = node.next) {
            count++;
        }
        return count;
    }

    private void serve(Completion node) {
        switch (node.target) {
            case null -> { }   // abandoned: its waiter stopped waiting
            case Thread waiter -> LockSupport.unpark(waiter);
            case Listener listener -> {
                try {
                    listener.taskFinished(this);
                } catch (Throwable e) {
                    // Listeners are Weft's own; a failure here is a bug that must not vanish.
                    loop.report("a completion listener of " + this + " failed", e);
                }
            }
            default -> throw new AssertionError(node.target);
        }
    }

    @SuppressWarnings("unchecked")
    private T value() {
        return (T) outcome;
    }

    private static CancellationException cancellationFor(Task<?> task) {
        var cancellation = new CancellationException("task \"" + task.name() + "\" was cancelled");
        cancellation.initCause((Throwable) task.outcome);
        return cancellation;
    }

    /**
     * The task's first entry in its loop's run queue, the body of its thread, that thread's
     * scheduler and its uncaught-exception handler. As the scheduler it hands the thread's
     * continuations to the loop, and it is how code finds the task it runs in (one field read,
     * no map, out of user code's reach); as the handler it reports anything that escapes the
     * task to the loop.
     */
    static final class Step implements Runnable, Executor, Thread.UncaughtExceptionHandler {
        final Task<?> task;

        Step(Task<?> task) {
            this.task = task;
        }

        /**
         * On the loop thread before start: starts the task. In the task's thread: runs the body
         * and records the outcome. All in this one method on purpose: every frame between the
         * thread's start and the body stays in the stack of each parked task, so fewer frames
         * mean less memory per waiting task.
         */
        @Override
        public void run() {
            Task<?> self = task;
            if (self.thread == null) {
                self.loop.startOnCarrier(self);
                return;
            }
            Object work = self.takeBody();
            Object value;
            try {
                if (work instanceof Callable<?> callable) {
                    value = callable.call();
                } else {
                    ((Action) work).run();
                    value = null;
                }
            } catch (Throwable failure) {
                self.failed(failure);
                return;
            }
            self.succeeded(value);
        }

        /** Schedules a continuation of the task's thread, or of a thread it created. */
        @Override
        public void execute(Runnable continuation) {
            task.loop.post(continuation);
        }

        @Override
        public void uncaughtException(Thread thread, Throwable failure) {
            task.loop.report("the thread of " + task + " ended with an uncaught exception",
                    failure);
        }
    }

    /** Something to do when a task finishes; called on the finishing thread, must not block. */
    @FunctionalInterface
    interface Listener {
        void taskFinished(Task<?> task);
    }

    /** One registration on a finishing task; abandoning it makes finishing skip it. */
    static final class Completion {
        volatile Object target;   // a Thread to unpark, a Listener, or null once abandoned
        Completion next;

        Completion(Object target) {
            this.target = target;
        }

        /** Any thread: the waiter behind this registration stopped waiting. */
        void abandon() {
            target = null;
        }
    }

    /** A user callback, moved onto the task's loop. */
    private record DoneCallback<T>(Task<T> task, Consumer<? super Task<T>> callback)
            implements Listener, Runnable {
        @Override
        public void taskFinished(Task<?> finished) {
            task.loop.post(this);
        }

        @Override
        public void run() {
            try {
                callback.accept(task);
            } catch (Throwable e) {   // user code: even a checked exception thrown sneakily
                task.loop.report("a done-callback of " + task + " failed", e);
            }
        }
    }
}
