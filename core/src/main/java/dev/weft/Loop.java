package dev.weft;

import dev.weft.internal.SchedulerHook;
import dev.weft.internal.Uninterruptibly;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An event loop: one carrier thread that runs the loop's tasks, one at a time, switching only
 * where a task blocks. Every task is a virtual thread scheduled by the loop, so ordinary blocking
 * Java calls ({@code Thread.sleep}, socket reads, {@code j.u.c} locks and queues) park the task
 * and let the loop run another. Tasks of one loop never run in parallel: state they share needs
 * no locks.
 *
 * {@snippet :
 * try (var loop = new Loop()) {
 *     int answer = loop.run(() -> {
 *         Task<Integer> a = Weft.spawn(() -> { Weft.sleep(Duration.ofSeconds(1)); return 40; });
 *         Task<Integer> b = Weft.spawn(() -> { Weft.sleep(Duration.ofSeconds(1)); return 2; });
 *         return a.result() + b.result();     // about 1 s in all, on one thread
 *     });
 * }
 * }
 *
 * <p><b>Thread safety:</b> {@link #spawn}, {@link #execute}, {@link #callLater},
 * {@link #stats()} and {@link #close()} may be called from any thread; {@link #run} from any
 * thread that is not a task of any loop.
 *
 * <p><b>Closing:</b> {@link #close()} cancels the tasks still alive, waits for them to finish,
 * drops pending timers, stops the carrier, closes what the loop owns (its selector, and the
 * servers, connections and sockets of {@code dev.weft.net} the program left open, each
 * reported) and reports failures nobody observed to the {@link ExceptionHandler}. Virtual threads that are not Weft tasks but were created inside a
 * task (they inherit the loop) keep running after close on Weft's fallback threads.
 *
 * <p><b>Deadlocks and stalls:</b> a wait that is certain never to end (a cycle of locks and joins,
 * a {@code Lock} acquired again, a lock orphaned by its ending owner) fails with
 * {@link DeadlockException}. A stall, when {@link #run}'s main task and every other task wait on
 * things only this loop's tasks seem able to end and no timer is pending, is reported once to the
 * {@link ExceptionHandler} after {@link LoopOptions#stallGrace()} and the waits go on, since a
 * plain thread may still end them; {@link StallPolicy#FAIL} makes them fail instead, for a loop
 * that is a closed world.
 *
 * <p><b>Pitfalls:</b> code that blocks the carrier instead of parking stalls every task of the
 * loop: file I/O, DNS look-ups ({@code InetAddress}), {@code Process} pipe reads, blocking in a
 * class initialiser or under a native (JNI or FFM) frame. Run such calls on another thread.
 * Virtual threads created inside a task ({@code Thread.ofVirtual()},
 * {@code Executors.newVirtualThreadPerTaskExecutor()}, {@code StructuredTaskScope.fork()}) run on
 * the same loop. JDK timers ({@code Thread.sleep}, timed waits) follow real time, not the loop's
 * clock; {@link Weft#sleep} follows the loop's clock and is cheaper.
 *
 * <p><b>JDK socket pollers:</b> unless the application sets {@code -Djdk.pollerMode}, the first
 * loop sets it to {@code 1}, so that the JDK waits for sockets on platform threads: in the
 * JDK's other mode the pollers are virtual threads that would run on whichever loop first
 * touched a socket, stalling every socket wait in the JVM whenever that loop is busy. With
 * {@code -Djdk.pollerMode=2} chosen explicitly, Weft starts the pollers itself, from a platform
 * thread. Mode 2 has a caveat that is the JDK's, not Weft's: its pollers are virtual threads of
 * the JDK's default scheduler, so {@code java.net} sockets in Weft tasks wait as long as that
 * scheduler is saturated (1.4 s measured with its carriers busy), as they do for plain virtual
 * threads. Keep the default mode, or use {@code dev.weft.net}, whose sockets the loop polls
 * itself.
 */
public final class Loop implements Executor, AutoCloseable {
    /* How it works: the carrier's turn moves work from other threads into the local queue, runs
     * local work in FIFO order until the queue is empty or TURN_BUDGET pieces ran (so timers and
     * remote work are never starved), fires the timers that are due, and sleeps when nothing is
     * ready. The JDK hands every runnable continuation of a
     * task to `schedule` from whatever thread made it runnable; `schedule` must never block or
     * throw, or that virtual thread is lost. Work from the loop's own thread takes the local,
     * signal-free path of the RunQueue.
     *
     * Closing: `state` goes OPEN -> CLOSING -> CLOSED. In CLOSING the carrier cancels every alive
     * task and every task that starts, and exits once all spawned tasks have finished. A spawn
     * increments `spawned` before it reads `state`, and the carrier reads `state` before
     * `spawned`, so a spawn that saw OPEN is always waited for. After CLOSED, work goes to a
     * fallback pool of platform threads, so stray continuations still run. */

    private enum State { OPEN, CLOSING, CLOSED }

    /**
     * How many pieces of local work a turn runs before it looks at timers and at work from
     * other threads: large enough that a ping-pong between tasks rarely pays for the look,
     * small enough that a due timer waits for at most this many task steps.
     */
    private static final int TURN_BUDGET = 64;
    private static final AtomicInteger LOOP_NUMBERS = new AtomicInteger();
    private static final java.lang.invoke.VarHandle IDLE_NANOS;

    static {
        try {
            IDLE_NANOS = java.lang.invoke.MethodHandles.lookup()
                    .findVarHandle(Loop.class, "idleNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final Clock clock;
    private final ExceptionHandler exceptionHandler;
    private final SchedulerHook hook;
    private final Carrier carrier;
    private final Waker waker;
    private final IoPoller poller;                                // loop thread, but wake-ups
    private final RunQueue runQueue;
    private final TimerHeap timers = new TimerHeap();             // loop thread only
    private boolean capturingStart;                               // loop thread only
    private Runnable capturedStart;                               // loop thread only
    private final TaskLedger ledger = new TaskLedger(this);
    private final LoopInspection inspection;
    private final StallCheck stalls;                              // loop thread only
    private final OwnedChannels owned = new OwnedChannels();      // any thread
    private volatile State state = State.OPEN;                    // any thread
    private final AtomicReference<Thread> running = new AtomicReference<>();  // inside run()
    private volatile Task<?> mainTask;                            // run()'s main, while it runs
    private final java.util.concurrent.ConcurrentLinkedDeque<AutoCloseable> closeWith =
            new java.util.concurrent.ConcurrentLinkedDeque<>();   // any thread
    private boolean cancelNewTasks;                               // loop thread only
    private final LoopWatch watch;                                // null: no watchdog
    private final javax.management.ObjectName managementName;    // null: not in JMX
    private final long createdAt = System.nanoTime();
    private long idleNanos;                                       // written by the loop thread

    /** Creates and starts a loop with {@link LoopOptions#defaults() default options}. */
    public Loop() {
        this(LoopOptions.defaults());
    }

    /**
     * Creates and starts a loop: its carrier thread runs until {@link #close()}.
     *
     * @throws IllegalStateException if the JVM lacks the flag Weft needs; the message names it
     *     and where to put it
     */
    public Loop(LoopOptions options) {
        Objects.requireNonNull(options, "options");
        this.hook = SchedulerHook.get();
        this.name = options.name() != null ? options.name()
                : "weft-" + (LOOP_NUMBERS.incrementAndGet());
        this.clock = options.clock();
        this.exceptionHandler = options.exceptionHandler();
        this.carrier = new Carrier(this);
        this.poller = new IoPoller(this);
        this.waker = new Waker(carrier, poller);
        this.runQueue = new RunQueue(waker);
        this.inspection = new LoopInspection(this, ledger, hook, carrier);
        this.stalls = new StallCheck(this, ledger, runQueue, options);
        this.watch = options.watchdog() == null ? null : new LoopWatch(this, options.watchdog());
        carrier.start();
        if (watch != null) {
            Watchdog.watch(watch);
        }
        this.managementName = LoopManagement.ENABLED ? LoopManagement.register(this) : null;
    }

    /**
     * Returns the loop running the calling task or loop callback.
     *
     * @throws WrongThreadException if the caller is neither
     */
    public static Loop current() {
        Task<?> task = Task.currentOrNull();
        if (task != null) {
            return task.loop;
        }
        if (Thread.currentThread() instanceof Carrier carrierThread) {
            return carrierThread.loop;
        }
        throw new WrongThreadException("Loop.current() must be called from a task or a loop "
                + "callback; start a task with Weft.run(...)");
    }

    /** Returns the loop whose carrier {@code thread} is, or null. */
    static Loop ofCarrier(Thread thread) {
        return thread instanceof Carrier carrierThread ? carrierThread.loop : null;
    }

    /** Returns the task running the calling code, or null if the caller is not a Weft task. */
    static Task<?> currentTask() {
        Thread current = Thread.currentThread();
        // A task's thread has the task's Step as its scheduler, which no user code can change.
        // Virtual threads it creates inherit that scheduler, hence the check of the thread.
        return current.isVirtual()
                && SchedulerHook.schedulerOf(current) instanceof Task.Step step
                && step.task.thread == current
                ? step.task : null;
    }

    /** Returns the loop's name, which is also its carrier thread's name. */
    public String name() {
        return name;
    }

    /** Returns the loop's clock. */
    public Clock clock() {
        return clock;
    }

    /** Returns the loop clock's current time, in nanoseconds. */
    public long nanoTime() {
        return clock.nanoTime();
    }

    /** Returns whether {@link #close()} has begun. */
    public boolean isClosed() {
        return state != State.OPEN;
    }

    /** Returns a snapshot of the loop's counters. */
    public LoopStats stats() {
        long spawnedNow = ledger.accepted();
        long finishedNow = ledger.finished();
        long lifetime = Math.max(1, System.nanoTime() - createdAt);
        long idle = (long) IDLE_NANOS.getOpaque(this);
        return new LoopStats(spawnedNow - finishedNow, spawnedNow, finishedNow, timers.size(),
                runQueue.remoteAdds(), waker.wakeUps(), runQueue.approximateLength(),
                Math.clamp(1.0 - (double) idle / lifetime, 0.0, 1.0));
    }

    /**
     * Returns what the loop's tasks are doing: the tree of alive tasks with their status, what
     * each waits on, and its stack. Callable from any thread; from outside the loop it waits up
     * to a second for the loop's thread to take the dump, and if a task holds that thread, takes
     * it without, marked as not consistent.
     */
    public TaskDump dump() {
        return inspection.dump(runsHere());
    }

    /**
     * Returns where the loop's thread was held longer than its watchdog allows, longest in all
     * first; empty when the loop has no watchdog (see {@link LoopOptions#withWatchdog}).
     * Callable from any thread.
     */
    public List<BlockingSite> blockingReport() {
        return watch == null ? List.of() : watch.sites();
    }

    /** The loop's selector, for {@code dev.weft.net} through the parking bridge. */
    IoPoller poller() {
        return poller;
    }

    /** The channels of servers, connections and sockets on this loop that are still open. */
    OwnedChannels owned() {
        return owned;
    }

    /** What the watchdog and dumps read of the loop. */
    LoopInspection inspection() {
        return inspection;
    }

    // ---- spawning ------------------------------------------------------------------------------

    /**
     * Starts a task on this loop and returns it at once. Callable from any thread.
     *
     * @throws RejectedExecutionException if the loop is closed
     */
    public <T> Task<T> spawn(Callable<T> body) {
        return spawn(null, body);
    }

    /**
     * Starts a named task on this loop and returns it at once. Callable from any thread.
     *
     * @param name the task's name, shown in messages and dumps; null picks {@code task-<id>}
     * @throws RejectedExecutionException if the loop is closed
     */
    public <T> Task<T> spawn(String name, Callable<T> body) {
        return spawnChild(name, body, Task.currentOrNull());
    }

    /** Spawns with an explicit parent task (a task group's owner), for dumps and reports. */
    <T> Task<T> spawnChild(String name, Callable<T> body, Task<?> parent) {
        return startTask(name, body, parent);
    }

    /** Same as {@link #spawnChild(String, Callable, Task)} for a body with no value. */
    Task<Void> spawnChild(String name, Action body, Task<?> parent) {
        return startTask(name, body, parent);
    }

    /** Admits and queues a task whose body is a {@link Callable} or an {@link Action}. */
    private <T> Task<T> startTask(String name, Object body, Task<?> parent) {
        Task<T> task = newTask(name, body, parent);
        task.start();
        return task;
    }

    /** Admits a task without starting it. */
    private <T> Task<T> newTask(String name, Object body, Task<?> parent) {
        Objects.requireNonNull(body, "body");
        Task<T> task = new Task<>(this, admitTask(), name, body, parent);
        if (TaskWaitState.RECORD_SITES) {
            ledger.spawnedHere(task);
        }
        return task;
    }

    /**
     * Counts a new task in and returns its id, or rejects it once the loop is closing (except
     * for the loop's own tasks, whose new tasks are cancelled as they start).
     */
    private long admitTask() {
        long id = ledger.admit();
        if (state != State.OPEN && !runsHere()) {
            ledger.reject();
            runQueue.addRemote(() -> { });   // let a closing carrier re-check its exit condition
            throw closedError();
        }
        return id;
    }

    /** Starts a task that runs {@code body} and returns null; see {@link #spawn(Callable)}. */
    public Task<Void> spawn(Action body) {
        return spawn(null, body);
    }

    /** Starts a named task that runs {@code body}; see {@link #spawn(String, Callable)}. */
    public Task<Void> spawn(String name, Action body) {
        return spawnChild(name, body, Task.currentOrNull());
    }

    /**
     * Starts a task after {@code delay} on the loop's clock and returns it at once; until then
     * it is PENDING, and cancelling it means it never runs.
     *
     * @throws IllegalArgumentException if the delay is negative
     * @throws RejectedExecutionException if the loop is closed
     */
    public <T> Task<T> spawnLater(Duration delay, Callable<T> body) {
        long nanos = Durations.toNanos(delay, "delay");
        Objects.requireNonNull(body, "body");
        Task<T> task = new Task<>(this, admitTask(), null, body, Task.currentOrNull());
        runOnLoop(() -> {
            ledger.delay(task, callAfterNanos(nanos, () -> startDelayed(task)));
        });
        return task;
    }

    /** Loop thread: starts a task of {@link #spawnLater} now, if it has not started. */
    void startDelayed(Task<?> task) {
        Timer startTimer = ledger.undelay(task);
        if (startTimer != null) {
            startTimer.cancel();
            task.start();
        }
    }

    /**
     * Runs {@code command} as a new task of this loop, so the loop can serve as an
     * {@link Executor} (for example to {@code CompletableFuture}'s async methods). Nobody holds
     * the task, so a failure of the command is reported to the {@link ExceptionHandler} as soon
     * as it happens.
     *
     * @throws RejectedExecutionException if the loop is closed
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        Task<Object> task = new Task<>(this, admitTask(), null, Executors.callable(command),
                Task.currentOrNull());
        task.detach();
        task.start();
    }

    // ---- running -------------------------------------------------------------------------------

    /**
     * Runs {@code main} as a task and waits for it, like asyncio's {@code run_until_complete}.
     * When it ends, the tasks of the loop still alive are cancelled and awaited, and reported to
     * the {@link ExceptionHandler}. Then returns {@code main}'s value, or throws its failure as
     * it is when unchecked and wrapped in {@code CompletionException} when checked.
     *
     * @throws IllegalStateException if called from the loop's own thread, which would wait for
     *     itself, or from a task of any loop: its tasks would run on another thread, in
     *     parallel with the caller's loop (spawn the work and join it instead, as asyncio
     *     refuses {@code run} inside a running loop)
     * @throws RejectedExecutionException if the loop is closed
     * @throws IllegalStateException if another thread is inside {@code run} on this loop
     * @throws java.util.concurrent.CancellationException if {@code main} was cancelled, or the
     *     calling thread was interrupted (then {@code main} is cancelled too)
     */
    public <T> T run(Callable<T> main) {
        Objects.requireNonNull(main, "main");
        if (runsHere()) {
            throw new IllegalStateException("loop \"" + name + "\" cannot run inside its own "
                    + "thread: it would wait for itself; spawn the work and join the task instead");
        }
        refuseInTask("Loop.run");
        if (!running.compareAndSet(null, Thread.currentThread())) {
            throw new IllegalStateException("loop \"" + name + "\" is already running a main "
                    + "task for thread \"" + running.get().getName() + "\"; run one main at a "
                    + "time, or spawn the work on the loop instead");
        }
        try {
            Task<T> mainTask = newTask("main", main, null);
            this.mainTask = mainTask;   // before it starts, so the stall check always sees it
            mainTask.start();
            try {
                mainTask.join();
            } catch (java.util.concurrent.CancellationException interrupted) {
                mainTask.cancel();
                LeftoverSweep.awaitUninterruptibly(mainTask);
                cancelLeftovers(mainTask);
                throw interrupted;
            }
            cancelLeftovers(mainTask);
            return mainTask.resultNow();
        } finally {
            this.mainTask = null;
            running.set(null);
        }
    }

    /**
     * Throws if the caller is a task: {@code method} would run a second loop, whose tasks run on
     * another thread in parallel with the caller's loop (asyncio refuses {@code run} inside a
     * running loop too).
     */
    static void refuseInTask(String method) {
        Task<?> caller = Task.currentOrNull();
        if (caller != null) {
            throw new IllegalStateException(method + " cannot be called from task \""
                    + caller.name() + "\" of loop \"" + caller.loop.name + "\": it would run a "
                    + "second loop, whose tasks run on another thread in parallel with this "
                    + "loop's, so state they share would race; use Weft.spawn(...) and join the "
                    + "task, or Offload.call(...) to run work on another thread on purpose");
        }
    }

    private void cancelLeftovers(Task<?> mainTask) {
        if (state != State.OPEN) {
            return;   // close() is cancelling and awaiting every task, and reports failures
        }
        Task<List<Task<?>>> sweeper;
        try {
            sweeper = spawn("run-cleanup", () -> {
                cancelNewTasks = true;   // tasks spawned but not started end as they start
                try {
                    return LeftoverSweep.run(ledger, mainTask);
                } finally {
                    cancelNewTasks = false;
                }
            });
        } catch (RejectedExecutionException closedMeanwhile) {
            return;   // as above: close() began after the check
        }
        LeftoverSweep.awaitUninterruptibly(sweeper);
        List<Task<?>> leftovers = sweeper.resultNow();
        if (!leftovers.isEmpty()) {
            report("main task of loop \"" + name + "\" ended while " + leftovers.size()
                    + " other task(s) were still running; they were cancelled: " + leftovers,
                    null);
        }
    }

    // ---- timers --------------------------------------------------------------------------------

    /**
     * Calls {@code action} on the loop's thread after {@code delay} on the loop's clock. The
     * action runs as a plain callback, not a task: it must not block. A failing action is
     * reported to the {@link ExceptionHandler}. Callable from any thread.
     *
     * @throws IllegalArgumentException if the delay is negative
     * @throws RejectedExecutionException if the loop is closed
     */
    public Timer callLater(Duration delay, Runnable action) {
        long nanos = Durations.toNanos(delay, "delay");
        Objects.requireNonNull(action, "action");
        if (state != State.OPEN) {
            throw closedError();
        }
        return callAfterNanos(nanos, action);
    }

    /**
     * Calls {@code action} on the loop's thread once the loop's clock reaches {@code deadline}
     * (in {@link #nanoTime()}'s scale); see {@link #callLater}.
     *
     * @throws RejectedExecutionException if the loop is closed
     */
    public Timer callAt(long deadline, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (state != State.OPEN) {
            throw closedError();
        }
        return schedule(new Timer(this, deadline, action));
    }

    Timer callAfterNanos(long nanos, Runnable action) {
        long deadline = Durations.deadline(clock.nanoTime(), nanos);
        return schedule(new Timer(this, deadline, action));
    }

    /**
     * Task's own thread: puts the task to sleep until {@code nanos} from now on the loop's clock;
     * {@link Task#fire} wakes it. The task is its own heap entry, so this allocates nothing.
     */
    void sleepFor(Task<?> task, long nanos) {
        timers.add(task, Durations.deadline(clock.nanoTime(), nanos));
        ledger.waitsOnLoop();
    }

    /** Task's own thread: the sleep ended, by its deadline or by a cancellation. */
    void sleepEnded(Task<?> task) {
        timers.remove(task);
        ledger.resumes();
    }

    /** A timer that unparks {@code thread}; for waits with a timeout. */
    Timer wakeAfter(Thread thread, long nanos) {
        long deadline = Durations.deadline(clock.nanoTime(), nanos);
        return schedule(new Timer(this, deadline, thread));
    }

    private Timer schedule(Timer timer) {
        runOnLoop(() -> {
            if (state != State.CLOSED) {   // after close nothing fires; the heap is left alone
                timers.add(timer, timer.deadline());
            }
        });
        return timer;
    }

    void timerCancelled(Timer timer) {
        runOnLoop(() -> {
            if (state != State.CLOSED) {
                timers.remove(timer);
            }
        });
    }

    // ---- closing -------------------------------------------------------------------------------

    /**
     * Closes the loop: cancels its alive tasks, waits until every task has finished, drops
     * pending timers, stops the carrier thread, and reports failures nobody observed. Does
     * nothing if already closed; a second concurrent call waits like the first.
     *
     * @throws IllegalStateException if called from the loop's own thread, which would wait for
     *     itself
     */
    @Override
    public void close() {
        if (runsHere()) {
            throw new IllegalStateException("loop \"" + name + "\" cannot be closed from its own "
                    + "thread: close() waits for every task; close it from outside the loop");
        }
        synchronized (this) {
            if (state == State.OPEN) {
                state = State.CLOSING;
                runQueue.addRemote(this::cancelEverything);
            }
        }
        Uninterruptibly.run(carrier::join);   // closing must finish
        owned.closeLeftOpen(this);
        closeResources();
        reportUnobservedFailures();
        if (managementName != null) {
            LoopManagement.unregister(this, managementName);
        }
    }

    /**
     * Closes {@code resource} when this loop closes, once every task has finished: for helpers
     * that live as long as the loop, such as its worker pool. Resources close in the reverse
     * order of registration, on the thread that calls {@link #close()}; a failure to close is
     * reported to the {@link ExceptionHandler}. Callable from any thread.
     *
     * @throws RejectedExecutionException if the loop has closed; the resource was not taken
     */
    public void closeWith(AutoCloseable resource) {
        Objects.requireNonNull(resource, "resource");
        closeWith.addLast(resource);
        if (state == State.CLOSED && closeWith.removeLastOccurrence(resource)) {
            throw closedError();   // close() may have drained the list already
        }
    }

    private void closeResources() {
        AutoCloseable resource;
        while ((resource = closeWith.pollLast()) != null) {
            try {
                resource.close();
            } catch (Throwable e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();   // kept for the caller of close()
                }
                report("closing " + resource + " with loop \"" + name + "\" failed", e);
            }
        }
    }

    private void cancelEverything() {
        cancelNewTasks = true;
        for (Task<?> task : ledger.alive()) {
            task.cancel();   // a delayed task starts now, and ends cancelled
        }
    }

    private void reportUnobservedFailures() {
        for (Task<?> task : ledger.takeUnobservedFailures()) {
            report(task + (task.status() == Task.Status.FAILED ? " failed and nobody observed "
                    + "its failure" : " was cancelled carrying failures (of its task groups' "
                    + "children) and nobody observed them") + " (call result(), get() or "
                    + "exception() on it, or spawn it in a TaskGroup)"
                    + ledger.spawnSiteOf(task), task.failure());
        }
    }

    private RejectedExecutionException closedError() {
        return new RejectedExecutionException("loop \"" + name + "\" is closed; spawn before "
                + "close() or create a new Loop");
    }

    // ---- the carrier ---------------------------------------------------------------------------

    private void runCarrier() {
        try {
            while (true) {
                if (runTurn()) {
                    continue;
                }
                if (state != State.OPEN && ledger.allFinished() && runQueue.isEmpty()) {
                    break;
                }
                idleMeasured();
            }
        } finally {
            if (watch != null) {
                watch.busy(false);
                Watchdog.unwatch(watch);
            }
            poller.close();
            state = State.CLOSED;
            int dropped = timers.size();
            if (dropped > 0) {
                report(dropped + " timer(s) were still pending when loop \"" + name
                        + "\" closed; they will not run", null);
            }
            forwardInboundToFallback();
        }
    }

    /**
     * Runs one turn and returns whether local work is still waiting. A method of its own, called
     * once per turn, so that the JIT compiles it as a whole rather than as an on-stack
     * replacement of the carrier's endless loop.
     */
    private boolean runTurn() {
        runQueue.drainInbound();
        Runnable work;
        int budget = TURN_BUDGET;
        for (; budget > 0 && (work = runQueue.pollLocal()) != null; budget--) {
            if (watch != null) {
                watch.stepped();
            }
            runSafely(work);
        }
        if (budget < TURN_BUDGET) {
            stalls.workRan();
        }
        fireDueTimers();
        if (poller.anyWaiting()) {
            poller.pollNow();   // once a turn, not once a task: a poll is a system call
        }
        return runQueue.localSize() > 0;
    }

    /** Idles, telling the watchdog, and adds the time to the loop's idle total. */
    private void idleMeasured() {
        if (watch != null) {
            watch.busy(false);
        }
        long start = System.nanoTime();
        idle();
        IDLE_NANOS.setOpaque(this, idleNanos + (System.nanoTime() - start));
        if (watch != null) {
            watch.busy(true);
        }
    }

    private void idle() {
        if (timers.isEmpty()) {
            long wait = state == State.OPEN ? stalls.beforeIdleWithoutTimers(mainTask) : -1;
            if (wait == 0) {
                return;   // stalled waits were failed; their tasks are ready
            }
            runQueue.awaitWork(wait);
            stalls.afterIdleWithoutTimers(mainTask);
            return;
        }
        long next = timers.peekDeadline();
        long wait = next - clock.nanoTime();
        if (wait <= 0) {
            return;
        }
        if (ledger.allWaitOnLoop() && runQueue.isEmpty() && clock.jumpTo(next)) {
            return;
        }
        runQueue.awaitWork(state == State.OPEN ? stalls.beforeIdleWithTimers(wait) : wait);
        stalls.afterIdleWithTimers();
    }

    private void fireDueTimers() {
        if (timers.isEmpty()) {
            return;
        }
        long now = clock.nanoTime();
        while (!timers.isEmpty() && timers.peekDeadline() <= now) {
            TimerEntry entry = timers.poll();
            if (watch != null) {
                watch.stepped();
            }
            try {
                entry.fire();
            } catch (Throwable e) {   // a user's action may throw anything, checked ones too
                report("a timer callback on loop \"" + name + "\" failed", e);
            }
        }
    }

    private void runSafely(Runnable work) {
        try {
            work.run();
        } catch (Throwable e) {   // a user's callback may throw anything, checked ones too
            report("a callback on loop \"" + name + "\" failed", e);
        }
    }

    /** The executor the JDK hands every runnable continuation of the loop's tasks to. */
    private void schedule(Runnable work) {
        Thread current = Thread.currentThread();
        if (current == carrier) {
            if (capturingStart) {
                capturedStart = work;   // startOnCarrier runs it at once
            } else {
                runQueue.addLocal(work);
            }
            return;
        }
        if (isMountedHere(current)) {
            runQueue.addLocal(work);
            return;
        }
        if (state == State.CLOSED) {
            Fallback.POOL.execute(work);
            return;
        }
        runQueue.addRemote(work);
        if (state == State.CLOSED) {
            forwardInboundToFallback();   // the carrier may have exited before it saw the work
        }
    }

    /** Whether the calling code runs on this loop's thread: the carrier or a task mounted on it. */
    private boolean runsHere() {
        Thread current = Thread.currentThread();
        return current == carrier || isMountedHere(current);
    }

    /**
     * Whether {@code thread} is a virtual thread mounted on this loop's carrier. A task of this
     * loop, and every virtual thread a task created, has a task's Step as its scheduler, and
     * runs on the loop's carrier while the loop is open (after close, on a fallback thread).
     */
    private boolean isMountedHere(Thread thread) {
        return thread.isVirtual()
                && SchedulerHook.schedulerOf(thread) instanceof Task.Step step
                && step.task.loop == this && state != State.CLOSED;
    }

    private void forwardInboundToFallback() {
        Runnable work;
        while ((work = runQueue.pollInbound()) != null) {
            Fallback.POOL.execute(work);
        }
    }

    // ---- used by Task, Waiting, CancelScope ----------------------------------------------------

    /**
     * Loop thread: gives a task its virtual thread and runs it right away, in the place the task
     * had in the run queue. A task cancelled before this point ends without a thread.
     */
    void startOnCarrier(Task<?> task) {
        taskStarted(task);
        WeftEvents.taskStarted(task);
        if (task.isCancelRequested() || cancelNewTasks) {
            task.finishUnstarted();
            return;
        }
        Thread thread = hook.newVirtualThread(task.step, task.step);
        if (task.threadName() != null) {
            thread.setName(task.threadName());
        }
        thread.setUncaughtExceptionHandler(task.step);
        task.thread = thread;
        capturingStart = true;
        try {
            thread.start();
        } finally {
            capturingStart = false;
        }
        Runnable firstRun = capturedStart;
        capturedStart = null;
        firstRun.run();
    }

    /** Runs {@code work} now if on the loop's thread, else posts it to the loop. */
    void runOnLoop(Runnable work) {
        if (runsHere()) {
            work.run();
        } else {
            post(work);
        }
    }

    /** Runs {@code work} on the loop's thread soon; on a fallback thread after close. */
    void post(Runnable work) {
        schedule(work);
    }

    /** Loop thread: a task's body starts. */
    void taskStarted(Task<?> task) {
        ledger.started(task);
    }

    /** Loop thread: a task has its outcome. */
    void taskFinished(Task<?> task) {
        ledger.finished(task);
    }

    /** Loop thread: a copy of the task groups {@code owner} has open, innermost last. */
    List<TaskGroup> openGroups(Task<?> owner) {
        return ledger.openGroups(owner);
    }

    /** Loop thread: {@code owner} opened {@code group}. */
    void groupOpened(Task<?> owner, TaskGroup group) {
        ledger.groupOpened(owner, group);
    }

    /** Loop thread: {@code owner} closed {@code group}. */
    void groupClosed(Task<?> owner, TaskGroup group) {
        ledger.groupClosed(owner, group);
    }

    /** Any thread: someone read a task's outcome. */
    void failureObserved(Task<?> task) {
        ledger.observed(task);
    }

    /** Loop thread: a task parks in a wait only this loop can end. */
    void taskWaitsOnLoop() {
        ledger.waitsOnLoop();
    }

    /** Loop thread: that task resumed. */
    void taskResumes() {
        ledger.resumes();
    }

    /**
     * Sends a problem that nobody can catch to the loop's {@link ExceptionHandler}, as Weft does
     * with failures nobody observed: for libraries built on Weft, such as a server whose
     * connection failed. Never throws.
     *
     * @param error the failure, or null
     */
    public void report(String message, Throwable error) {
        try {
            exceptionHandler.handle(this, message, error);
        } catch (Throwable handlerFailure) {   // a user handler may throw anything
            // The handler itself failed: log both, so neither problem is lost.
            var logger = System.getLogger("dev.weft");
            logger.log(System.Logger.Level.ERROR, "[" + name + "] " + message, error);
            logger.log(System.Logger.Level.ERROR,
                    "[" + name + "] the exception handler failed", handlerFailure);
        }
    }

    @Override
    public String toString() {
        return "Loop[" + name + " " + state + ", " + stats().tasksAlive() + " tasks alive]";
    }

    /**
     * Where work arriving after close runs: platform threads that are started only if that
     * ever happens.
     */
    private static final class Fallback {
        static final Executor POOL = Executors.newCachedThreadPool(Thread.ofPlatform()
                .name("weft-fallback-", 1).daemon(true).factory());
    }

    /** The loop's platform thread. */
    private static final class Carrier extends Thread {
        final Loop loop;

        Carrier(Loop loop) {
            super(loop.name);
            this.loop = loop;
        }

        @Override
        public void run() {
            loop.runCarrier();
        }
    }
}
