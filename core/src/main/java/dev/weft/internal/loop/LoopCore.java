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

import dev.weft.Clock;
import dev.weft.LoopOptions;
import dev.weft.LoopStats;
import dev.weft.internal.events.WeftEvents;
import dev.weft.internal.hook.SchedulerHook;
import dev.weft.internal.hook.Uninterruptibly;
import dev.weft.internal.park.Alarm;
import dev.weft.internal.park.Durations;
import dev.weft.internal.park.Home;
import dev.weft.internal.park.LoopThread;
import dev.weft.internal.park.WaitState;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loop as its machinery runs it: the executor the JDK hands the loop's virtual threads to, the
 * carrier's turn, the timers, admission of new tasks and the closing protocol; the run of a main
 * task is a {@link MainRun}. The public {@code dev.weft.Loop} is a handle on one of these; what a loop owns (its
 * resources and channels) is a {@link LoopHoldings}, and its tasks are in a {@link TaskLedger}.
 *
 * <p>Not part of Weft's API.
 */
public abstract class LoopCore implements Home {
    /* How it works: the carrier's turn moves work from other threads into the local queue, runs
     * local work in FIFO order until the queue is empty or TURN_BUDGET pieces ran (so timers and
     * remote work are never starved), fires the timers that are due, and sleeps when nothing is
     * ready. The JDK hands every runnable continuation of a task to `schedule` from whatever
     * thread made it runnable; `schedule` must never block or throw, or that virtual thread is
     * lost. Work from the loop's own thread takes the local, signal-free path of the RunQueue.
     *
     * Closing: `state` goes OPEN -> CLOSING -> CLOSED. In CLOSING the carrier cancels every alive
     * task and every task that starts, and exits once all spawned tasks have finished. A spawn
     * increments `spawned` before it reads `state`, and the carrier reads `state` before
     * `spawned`, so a spawn that saw OPEN is always waited for. After CLOSED, work goes to a
     * fallback pool of platform threads, so stray continuations still run. This file is the hot
     * path of every task switch, which is why the turn and the executor stay together here. */

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
                    .findVarHandle(LoopCore.class, "idleNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final Clock clock;
    private final SchedulerHook hook;
    private final Carrier carrier;
    private final Waker waker;
    private final IoPoller poller;                                // loop thread, but wake-ups
    private final RunQueue runQueue;
    private final TimerHeap timers = new TimerHeap();             // loop thread only
    private boolean capturingStart;                               // loop thread only
    private Runnable capturedStart;                               // loop thread only
    private final TaskLedger ledger = new TaskLedger(this);
    private final StallCheck stalls;                              // loop thread only
    private final LoopHoldings holdings = new LoopHoldings(this); // any thread
    private volatile State state = State.OPEN;                    // any thread
    private final MainRun mainRun = new MainRun(this);
    private boolean cancelNewTasks;                               // loop thread only
    private TurnWatch watch;                                      // null: no watchdog; set
                                                                  // before the carrier starts
    private final long createdAt = System.nanoTime();
    private long idleNanos;                                       // written by the loop thread

    /**
     * Creates a loop; {@link #startCarrier()} starts its thread.
     *
     * @throws IllegalStateException if the JVM lacks the flag Weft needs; the message names it
     *     and where to put it
     */
    protected LoopCore(LoopOptions options) {
        Objects.requireNonNull(options, "options");
        this.hook = SchedulerHook.get();
        this.name = options.name() != null ? options.name()
                : "weft-" + (LOOP_NUMBERS.incrementAndGet());
        this.clock = options.clock();
        this.carrier = new Carrier(this);
        this.poller = new IoPoller(this);
        this.waker = new Waker(carrier, poller);
        this.runQueue = new RunQueue(waker);
        this.stalls = new StallCheck(this, ledger, runQueue, options);
    }

    // ---- what the handle decides ---------------------------------------------------------------

    /**
     * Sends a problem that nobody can catch to the loop's exception handler. Never throws.
     *
     * @param error the failure, or null
     */
    public abstract void report(String message, Throwable error);

    /** Creates (without admitting or starting) a task whose body is a Callable or an Action. */
    protected abstract TaskCore newTask(long id, String name, Object body, TaskCore parent);

    // ---- the loop ------------------------------------------------------------------------------

    /** Starts the carrier thread, once the handle has set the loop's watch. */
    public final void startCarrier(TurnWatch turnWatch) {
        this.watch = turnWatch;
        carrier.start();
    }

    /** Returns the loop that runs the calling task or loop callback, or null. */
    public static LoopCore current() {
        TaskCore task = TaskCore.current();
        if (task != null) {
            return task.loop();
        }
        return Thread.currentThread() instanceof Carrier carrierThread ? carrierThread.loop : null;
    }

    /** Returns the loop's name, which is also its carrier thread's name. */
    public final String name() {
        return name;
    }

    /** Returns the loop's clock. */
    public final Clock clock() {
        return clock;
    }

    @Override
    public final long nanoTime() {
        return clock.nanoTime();
    }

    /** Returns whether closing has begun. */
    public final boolean isClosed() {
        return state != State.OPEN;
    }

    /** Returns a snapshot of the loop's counters. */
    public final LoopStats stats() {
        long spawnedNow = ledger.accepted();
        long finishedNow = ledger.finished();
        long lifetime = Math.max(1, System.nanoTime() - createdAt);
        long idle = (long) IDLE_NANOS.getOpaque(this);
        return new LoopStats(spawnedNow - finishedNow, spawnedNow, finishedNow, timers.size(),
                runQueue.remoteAdds(), waker.wakeUps(), runQueue.approximateLength(),
                Math.clamp(1.0 - (double) idle / lifetime, 0.0, 1.0));
    }

    /** Returns the record of the loop's tasks. */
    public final TaskLedger ledger() {
        return ledger;
    }

    /** Returns what the loop owns: resources closed with it, and its open channels. */
    public final LoopHoldings holdings() {
        return holdings;
    }

    /** Returns the loop's selector, for {@code dev.weft.net}. */
    public final IoPoller poller() {
        return poller;
    }

    /** Returns the loop's carrier thread, for dumps and the watchdog. */
    public final Thread carrierThread() {
        return carrier;
    }

    /** Returns the scheduler hook, for dumps and the watchdog. */
    public final SchedulerHook hook() {
        return hook;
    }

    // ---- admission -----------------------------------------------------------------------------

    /**
     * Creates and starts a task of this loop. Callable from any thread.
     *
     * @param body a {@link Callable}, or an {@code Action} for a task without a value
     * @throws RejectedExecutionException if the loop is closed
     */
    public final TaskCore spawn(String name, Object body, TaskCore parent) {
        TaskCore task = admitted(name, body, parent);
        task.start();
        return task;
    }

    /**
     * Creates a task that nobody holds, so its failure is reported as soon as it happens, and
     * starts it; for the loop as an {@link Executor}.
     *
     * @throws RejectedExecutionException if the loop is closed
     */
    public final void spawnDetached(Runnable command) {
        TaskCore task = admitted(null, Executors.callable(command), TaskCore.current());
        task.detach();
        task.start();
    }

    /**
     * Creates a task that starts after {@code nanos} on the loop's clock; until then it is
     * PENDING, and cancelling it means it never runs.
     *
     * @throws RejectedExecutionException if the loop is closed
     */
    public final TaskCore spawnLater(long nanos, Object body) {
        TaskCore task = admitted(null, body, TaskCore.current());
        runOnLoop(() -> ledger.delay(task, callAfterNanos(nanos, () -> startDelayed(task))));
        return task;
    }

    /** Admits a task without starting it. */
    private TaskCore admitted(String name, Object body, TaskCore parent) {
        Objects.requireNonNull(body, "body");
        TaskCore task = newTask(admit(), name, body, parent);
        if (WaitState.RECORD_SITES) {
            ledger.spawnedHere(task);
        }
        return task;
    }

    /**
     * Counts a new task in and returns its id, or rejects it once the loop is closing (except
     * for the loop's own tasks, whose new tasks are cancelled as they start).
     */
    private long admit() {
        long id = ledger.admit();
        if (state != State.OPEN && !runsHere()) {
            ledger.reject();
            runQueue.addRemote(() -> { });   // let a closing carrier re-check its exit condition
            throw closedError();
        }
        return id;
    }

    /** Loop thread: starts a task of {@link #spawnLater} now, if it has not started. */
    final void startDelayed(TaskCore task) {
        LoopTimer startTimer = ledger.undelay(task);
        if (startTimer != null) {
            startTimer.cancel();
            task.start();
        }
    }

    /** Returns the exception for a spawn or timer refused because the loop is closed. */
    public final RejectedExecutionException closedError() {
        return new RejectedExecutionException("loop \"" + name + "\" is closed; spawn before "
                + "close() or create a new Loop");
    }

    // ---- running a main task -------------------------------------------------------------------

    /**
     * Runs {@code main} as a task and waits for it; then cancels and awaits the tasks still
     * alive, reports them, and returns {@code main}'s value or throws its failure. See
     * {@code Loop.run}.
     */
    public final Object run(Callable<?> main) {
        return mainRun.run(main);
    }

    /**
     * Throws if the caller is a task: {@code method} would run a second loop, whose tasks run on
     * another thread in parallel with the caller's loop (asyncio refuses {@code run} inside a
     * running loop too).
     */
    public static void refuseInTask(String method) {
        TaskCore caller = TaskCore.current();
        if (caller != null) {
            throw new IllegalStateException(method + " cannot be called from task \""
                    + caller.name() + "\" of loop \"" + caller.loop().name + "\": it would run a "
                    + "second loop, whose tasks run on another thread in parallel with this "
                    + "loop's, so state they share would race; use Weft.spawn(...) and join the "
                    + "task, or Offload.call(...) to run work on another thread on purpose");
        }
    }

    /** Creates and queues the main task of {@link #run}, telling {@code run} first. */
    final TaskCore startMain(Callable<?> main, MainRun run) {
        TaskCore task = admitted("main", main, null);
        run.starting(task);
        task.start();
        return task;
    }

    /** Loop thread: whether tasks spawned from now on end as they start, unstarted. */
    final void cancelNewTasks(boolean cancel) {
        cancelNewTasks = cancel;
    }

    // ---- timers --------------------------------------------------------------------------------

    /**
     * Calls {@code action} on the loop's thread once the loop's clock reaches {@code deadline}.
     *
     * @throws RejectedExecutionException if the loop is closed
     */
    public final LoopTimer callAt(long deadline, Runnable action) {
        if (state != State.OPEN) {
            throw closedError();
        }
        return schedule(new LoopTimer(this, deadline, action));
    }

    /** Calls {@code action} on the loop's thread after {@code nanos} on the loop's clock. */
    public final LoopTimer callAfterNanos(long nanos, Runnable action) {
        long deadline = Durations.deadline(clock.nanoTime(), nanos);
        return schedule(new LoopTimer(this, deadline, action));
    }

    /** Task's own thread: puts the task in the heap until {@code nanos} from now. */
    final void sleepFor(TaskCore task, long nanos) {
        timers.add(task, Durations.deadline(clock.nanoTime(), nanos));
    }

    /** Task's own thread: the sleep ended, by its deadline or by a cancellation. */
    final void sleepEnded(TaskCore task) {
        timers.remove(task);
    }

    @Override
    public final Alarm wakeAfter(Thread thread, long nanos) {
        long deadline = Durations.deadline(clock.nanoTime(), nanos);
        return schedule(new LoopTimer(this, deadline, thread));
    }

    private LoopTimer schedule(LoopTimer timer) {
        runOnLoop(() -> {
            if (state != State.CLOSED) {   // after close nothing fires; the heap is left alone
                timers.add(timer, timer.deadline());
            }
        });
        return timer;
    }

    final void timerCancelled(LoopTimer timer) {
        runOnLoop(() -> {
            if (state != State.CLOSED) {
                timers.remove(timer);
            }
        });
    }

    @Override
    public final void waitBegins() {
        ledger.waitsOnLoop();
    }

    @Override
    public final void waitEnds() {
        ledger.resumes();
    }

    // ---- closing -------------------------------------------------------------------------------

    /**
     * Closes the loop: cancels its alive tasks, waits until every task has finished, drops
     * pending timers, stops the carrier thread, closes what the loop owns, and reports failures
     * nobody observed. Does nothing if already closed; a second concurrent call waits like the
     * first.
     *
     * @throws IllegalStateException if called from the loop's own thread
     */
    public final void close() {
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
        holdings.closeAll();
        reportUnobservedFailures();
    }

    private void cancelEverything() {
        cancelNewTasks = true;
        for (TaskCore task : ledger.alive()) {
            task.cancel();   // a delayed task starts now, and ends cancelled
        }
    }

    private void reportUnobservedFailures() {
        for (TaskCore task : ledger.takeUnobservedFailures()) {
            report(task + (task.phase() == dev.weft.internal.future.Completion.Phase.FAILED
                    ? " failed and nobody observed its failure"
                    : " was cancelled carrying failures (of its task groups' children) and "
                    + "nobody observed them") + " (call result(), get() or exceptionNow() on "
                    + "it, or spawn it in a TaskGroup)" + ledger.spawnSiteOf(task),
                    task.failure());
        }
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
                watch.stopped();
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
            TaskCore main = mainRun.mainTask();
            long wait = state == State.OPEN ? stalls.beforeIdleWithoutTimers(main) : -1;
            if (wait == 0) {
                return;   // stalled waits were failed; their tasks are ready
            }
            runQueue.awaitWork(wait);
            stalls.afterIdleWithoutTimers(main);
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
    public final boolean runsHere() {
        Thread current = Thread.currentThread();
        return current == carrier || isMountedHere(current);
    }

    /**
     * Whether {@code thread} is a virtual thread mounted on this loop's carrier. A task of this
     * loop, and every virtual thread a task created, has a task as its scheduler, and runs on
     * the loop's carrier while the loop is open (after close, on a fallback thread).
     */
    private boolean isMountedHere(Thread thread) {
        return thread.isVirtual()
                && SchedulerHook.schedulerOf(thread) instanceof TaskCore task
                && task.loop() == this && state != State.CLOSED;
    }

    private void forwardInboundToFallback() {
        Runnable work;
        while ((work = runQueue.pollInbound()) != null) {
            Fallback.POOL.execute(work);
        }
    }

    /**
     * Loop thread: gives a task its virtual thread and runs it right away, in the place the task
     * had in the run queue. A task cancelled before this point ends without a thread.
     */
    final void startOnCarrier(TaskCore task) {
        ledger.started(task);
        if (WeftEvents.recording()) {
            WeftEvents.taskStarted(name, task.name());
        }
        if (task.isCancelRequested() || cancelNewTasks) {
            task.finishUnstarted();
            return;
        }
        Thread thread = hook.newVirtualThread(task, task);
        if (task.threadName() != null) {
            thread.setName(task.threadName());
        }
        thread.setUncaughtExceptionHandler(task);
        task.attach(thread);
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
    public final void runOnLoop(Runnable work) {
        if (runsHere()) {
            work.run();
        } else {
            post(work);
        }
    }

    @Override
    public final void post(Runnable work) {
        schedule(work);
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
    private static final class Carrier extends Thread implements LoopThread {
        final LoopCore loop;

        Carrier(LoopCore loop) {
            super(loop.name);
            this.loop = loop;
        }

        @Override
        public LoopCore home() {
            return loop;
        }

        @Override
        public void run() {
            loop.runCarrier();
        }
    }
}
