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

package dev.weft;

import dev.weft.internal.inspect.LoopInspection;
import dev.weft.internal.inspect.LoopWatch;
import dev.weft.internal.inspect.Watchdog;
import dev.weft.internal.loop.LoopCore;
import dev.weft.internal.loop.TaskCore;
import dev.weft.internal.park.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

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
    /* How it works: a handle on the loop's machinery, a LoopCore, which runs the carrier's turn;
     * this class adds what users see around it: the exception handler, dumps and the watchdog (classes of
     * dev.weft.internal.inspect), and the JMX view (LoopManagement). */

    final Engine core;
    private final ExceptionHandler exceptionHandler;
    private final LoopInspection inspection;
    private final LoopWatch watch;                                // null: no watchdog
    private final javax.management.ObjectName managementName;    // null: not in JMX

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
        this.exceptionHandler = options.exceptionHandler();
        this.core = new Engine(this, options);
        this.inspection = new LoopInspection(core);
        this.watch = options.watchdog() == null ? null
                : new LoopWatch(core, inspection, options.watchdog());
        core.startCarrier(watch);
        if (watch != null) {
            Watchdog.watch(watch);
        }
        this.managementName = LoopManagement.ENABLED
                ? LoopManagement.register(this) : null;
    }

    /**
     * Returns the loop running the calling task or loop callback.
     *
     * @throws WrongThreadException if the caller is neither
     */
    public static Loop current() {
        LoopCore loop = LoopCore.current();
        if (loop == null) {
            throw new WrongThreadException("Loop.current() must be called from a task or a loop "
                    + "callback; start a task with Weft.run(...)");
        }
        return of(loop);
    }

    /** Returns the handle of {@code core}. */
    static Loop of(LoopCore core) {
        return ((Engine) core).loop;
    }

    /** Returns the loop's name, which is also its carrier thread's name. */
    public String name() {
        return core.name();
    }

    /** Returns the loop's clock. */
    public Clock clock() {
        return core.clock();
    }

    /** Returns the loop clock's current time, in nanoseconds. */
    public long nanoTime() {
        return core.nanoTime();
    }

    /** Returns whether {@link #close()} has begun. */
    public boolean isClosed() {
        return core.isClosed();
    }

    /** Returns a snapshot of the loop's counters. */
    public LoopStats stats() {
        return core.stats();
    }

    /**
     * Returns what the loop's tasks are doing: the tree of alive tasks with their state, what
     * each waits on, and its stack. Callable from any thread; from outside the loop it waits up
     * to a second for the loop's thread to take the dump, and if a task holds that thread, takes
     * it without, marked as not consistent.
     */
    public TaskDump dump() {
        return inspection.dump(core.runsHere());
    }

    /**
     * Returns where the loop's thread was held longer than its watchdog allows, longest in all
     * first; empty when the loop has no watchdog (see {@link LoopOptions#withWatchdog}).
     * Callable from any thread.
     */
    public List<BlockingSite> blockingReport() {
        return watch == null ? List.of() : watch.sites();
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
        return task(core.spawn(name, Objects.requireNonNull(body, "body"), TaskCore.current()));
    }

    /** Starts a task that runs {@code body} and returns null; see {@link #spawn(Callable)}. */
    public Task<Void> spawn(Action body) {
        return spawn(null, body);
    }

    /** Starts a named task that runs {@code body}; see {@link #spawn(String, Callable)}. */
    public Task<Void> spawn(String name, Action body) {
        return task(core.spawn(name, Objects.requireNonNull(body, "body"), TaskCore.current()));
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
        return task(core.spawnLater(nanos, Objects.requireNonNull(body, "body")));
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
        core.spawnDetached(Objects.requireNonNull(command, "command"));
    }

    @SuppressWarnings("unchecked")
    private static <T> Task<T> task(TaskCore core) {
        return (Task<T>) Task.of(core);
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
    @SuppressWarnings("unchecked")
    public <T> T run(Callable<T> main) {
        return (T) core.run(main);
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
        return new Timer(core.callAt(Durations.deadline(core.nanoTime(), nanos), action));
    }

    /**
     * Calls {@code action} on the loop's thread once the loop's clock reaches {@code deadline}
     * (in {@link #nanoTime()}'s scale); see {@link #callLater}.
     *
     * @throws RejectedExecutionException if the loop is closed
     */
    public Timer callAt(long deadline, Runnable action) {
        Objects.requireNonNull(action, "action");
        return new Timer(core.callAt(deadline, action));
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
        core.close();
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
        core.holdings().closeWith(resource);
    }

    /**
     * Sends a problem that nobody can catch to the loop's {@link ExceptionHandler}, as Weft does
     * with failures nobody observed: for libraries built on Weft, such as a server whose
     * connection failed. Never throws.
     *
     * @param error the failure, or null
     */
    public void report(String message, Throwable error) {
        core.report(message, error);
    }

    @Override
    public String toString() {
        return core.toString();
    }

    /** The loop's machinery, which knows its handle and reports to its exception handler. */
    static final class Engine extends LoopCore {
        final Loop loop;

        Engine(Loop loop, LoopOptions options) {
            this.loop = loop;   // before the machinery starts, which may report
            super(options);
        }

        @Override
        public void report(String message, Throwable error) {
            try {
                loop.exceptionHandler.handle(loop, message, error);
            } catch (Throwable handlerFailure) {   // a user handler may throw anything
                // The handler itself failed: log both, so neither problem is lost.
                var logger = System.getLogger("dev.weft");
                logger.log(System.Logger.Level.ERROR, "[" + name() + "] " + message, error);
                logger.log(System.Logger.Level.ERROR,
                        "[" + name() + "] the exception handler failed", handlerFailure);
            }
        }

        @Override
        protected TaskCore newTask(long id, String name, Object body, TaskCore parent) {
            return new Task<>(this, id, name, body, parent).core;
        }
    }
}
