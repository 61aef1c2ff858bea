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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import dev.weft.internal.loop.CancelScope;
import dev.weft.internal.loop.Cancellation;
import dev.weft.internal.loop.Failures;
import dev.weft.internal.loop.LoopCore;
import dev.weft.internal.loop.TaskCore;
import dev.weft.internal.loop.TaskWatch;
import dev.weft.internal.park.Durations;
import dev.weft.internal.park.Parking;

/**
 * The everyday entry points of Weft, acting on the loop of the calling task: run a program,
 * spawn tasks, sleep, wait for groups of tasks, and bound work with timeouts.
 *
 * {@snippet :
 * List<Integer> values = Weft.run(() -> {
 *     var tasks = List.of(
 *             Weft.spawn(() -> { Weft.sleep(Duration.ofSeconds(1)); return 1; }),
 *             Weft.spawn(() -> { Weft.sleep(Duration.ofSeconds(1)); return 2; }));
 *     return Weft.gather(tasks);       // [1, 2] after about 1 s
 * });
 * }
 *
 * <p>Every method that can block is a {@linkplain dev.weft cancellation point}. Methods other than
 * {@link #run} must be called from a task and throw {@link WrongThreadException} otherwise.
 */
public final class Weft {
    private Weft() {}

    // ---- running and spawning ------------------------------------------------------------------

    /**
     * Creates a loop, runs {@code main} on it to completion, closes the loop and returns
     * {@code main}'s value: asyncio's {@code run}. Tasks still alive when {@code main} ends are
     * cancelled, awaited and reported. A failure of {@code main} is thrown as it is when
     * unchecked, wrapped in {@link java.util.concurrent.CompletionException} when checked.
     *
     * @throws IllegalStateException if called from a task: the second loop's tasks would run in
     *     parallel with the first's, on another thread; spawn the work and join it instead
     */
    public static <T> T run(Callable<T> main) {
        Objects.requireNonNull(main, "main");
        LoopCore.refuseInTask("Weft.run");   // before a loop is made for nothing
        try (var loop = new Loop()) {
            return loop.run(main);
        }
    }

    /** Runs {@code main} on a new loop, as {@link #run(Callable)}, for a body with no value. */
    public static void run(Action main) {
        Objects.requireNonNull(main, "main");
        run(() -> {
            main.run();
            return null;
        });
    }

    /** Spawns a task on the current loop; see {@link Loop#spawn(Callable)}. */
    public static <T> Task<T> spawn(Callable<T> body) {
        return loop("Weft.spawn").spawn(body);
    }

    /** Spawns a named task on the current loop; see {@link Loop#spawn(String, Callable)}. */
    public static <T> Task<T> spawn(String name, Callable<T> body) {
        return loop("Weft.spawn").spawn(name, body);
    }

    /** Spawns a task with no value on the current loop; see {@link Loop#spawn(Action)}. */
    public static Task<Void> spawn(Action body) {
        return loop("Weft.spawn").spawn(body);
    }

    /** Spawns a named task with no value on the current loop. */
    public static Task<Void> spawn(String name, Action body) {
        return loop("Weft.spawn").spawn(name, body);
    }

    /**
     * Spawns a task that starts after {@code delay} on the loop's clock: gevent's
     * {@code spawn_later}; see {@link Loop#spawnLater}.
     */
    public static <T> Task<T> spawnLater(Duration delay, Callable<T> body) {
        return loop("Weft.spawnLater").spawnLater(delay, body);
    }

    /**
     * Returns the calling task.
     *
     * @throws WrongThreadException if the caller is not a task
     */
    public static Task<?> current() {
        return Task.current();
    }

    /** Returns whether the calling code runs in a Weft task. */
    public static boolean inTask() {
        return Task.currentOrNull() != null;
    }

    // ---- time ----------------------------------------------------------------------------------

    /**
     * Suspends the calling task for {@code duration} on its loop's clock, letting the loop run
     * other tasks; zero just {@linkplain #yieldNow() yields}. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws IllegalArgumentException if the duration is negative
     * @throws CancellationException if the task is cancelled meanwhile
     */
    public static void sleep(Duration duration) {
        Task<?> task = requireTask("Weft.sleep");
        long nanos = Durations.toNanos(duration, "duration");
        if (nanos == 0) {
            yieldNow();
            return;
        }
        Parking.sleep(task.core, nanos);
    }

    /**
     * Lets the loop run the other ready tasks before the caller continues. This is a
     * {@linkplain dev.weft cancellation point}.
     */
    public static void yieldNow() {
        requireTask("Weft.yieldNow").core.checkpoint();
        Thread.yield();
    }

    // ---- waiting for several tasks -------------------------------------------------------------

    /** Waits until every task has finished, ignoring their failures: gevent's {@code joinall}. */
    public static void joinAll(Collection<? extends Task<?>> tasks) {
        Task<?> caller = requireTask("Weft.joinAll");
        // One task at a time: a waiter registers on one unfinished task, not on every task,
        // and tasks found finished cost nothing.
        for (Task<?> task : checked(caller, tasks)) {
            task.join();
        }
    }

    /**
     * Waits until every task has finished or {@code timeout} passes on the loop's clock,
     * ignoring their failures; a helper whose point is the deadline, so unlike Weft's blocking
     * calls it takes one (see {@link #timeout} for bounding anything else).
     *
     * @return whether every task finished
     * @throws IllegalArgumentException if the timeout is negative
     */
    public static boolean joinAll(Collection<? extends Task<?>> tasks, Duration timeout) {
        Task<?> caller = requireTask("Weft.joinAll");
        long nanos = Durations.toNanos(timeout, "timeout");
        var watch = new TaskWatch(cores(checked(caller, tasks)));
        return watch(watch, watch::allFinished, nanos);
    }

    /**
     * Waits for every task and returns their values in the order given. The first task to fail
     * or be cancelled cancels the others (which are not awaited) and its failure is thrown:
     * unchecked as it is, checked wrapped in {@link java.util.concurrent.CompletionException}.
     * If the caller is cancelled, the tasks are cancelled too.
     */
    public static <T> List<T> gather(Collection<? extends Task<? extends T>> tasks) {
        Task<?> caller = requireTask("Weft.gather");
        List<Task<?>> all = checked(caller, tasks);
        var watch = new TaskWatch(cores(all));
        try {
            watch(watch, () -> watch.allFinished() || watch.firstUnsuccessful() != null, -1);
        } catch (CancellationException callerCancelled) {
            all.forEach(Task::cancel);
            throw callerCancelled;
        }
        TaskCore failed = watch.firstUnsuccessful();
        if (failed != null) {
            all.forEach(Task::cancel);
            failed.resultNow();   // throws its failure, and marks it observed
        }
        var values = new ArrayList<T>(tasks.size());
        for (Task<? extends T> task : tasks) {
            values.add(task.resultNow());
        }
        return values;
    }

    /**
     * Waits for tasks as {@code mode} says and reports which finished: asyncio's {@code wait}
     * (under a name that cannot be mistaken for {@link Object#wait()}). Failures are not thrown.
     */
    public static <K extends Task<?>> WaitResult<K> waitTasks(Collection<? extends K> tasks,
            WaitMode mode) {
        return waitTasks(tasks, mode, -1, "Weft.waitTasks");
    }

    /**
     * Waits for tasks as {@code mode} says, or until {@code timeout} passes on the loop's clock,
     * and reports which finished: asyncio's {@code wait(..., timeout=)}. Failures are not thrown;
     * the tasks still pending keep running. A helper whose point is the deadline, so unlike
     * Weft's blocking calls it takes one.
     *
     * @throws IllegalArgumentException if the timeout is negative
     */
    public static <K extends Task<?>> WaitResult<K> waitTasks(Collection<? extends K> tasks,
            WaitMode mode, Duration timeout) {
        return waitTasks(tasks, mode, Durations.toNanos(timeout, "timeout"), "Weft.waitTasks");
    }

    private static <K extends Task<?>> WaitResult<K> waitTasks(Collection<? extends K> tasks,
            WaitMode mode, long nanos, String method) {
        Task<?> caller = requireTask(method);
        Objects.requireNonNull(mode, "mode");
        var watch = new TaskWatch(cores(checked(caller, tasks)));
        watch(watch, () -> switch (mode) {
            case ALL_COMPLETED -> watch.allFinished();
            case FIRST_COMPLETED -> watch.finishedCount() > 0 || tasks.isEmpty();
            case FIRST_EXCEPTION -> watch.firstFailed() != null || watch.allFinished();
        }, nanos);
        var done = new LinkedHashSet<K>();
        var pending = new LinkedHashSet<K>();
        for (K task : tasks) {
            (task.isDone() ? done : pending).add(task);
        }
        return new WaitResult<>(done, pending);
    }

    /**
     * Returns the tasks in the order they finish; the iterator's {@code next()} waits for the
     * next one to finish and is a {@linkplain dev.weft cancellation point}. The result can be
     * iterated once, by the task that called this method.
     */
    public static <K extends Task<?>> Iterable<K> asCompleted(Collection<? extends K> tasks) {
        Task<?> caller = requireTask("Weft.asCompleted");
        List<Task<?>> all = checked(caller, tasks);
        var watch = new TaskWatch(cores(all));
        int size = all.size();
        Iterator<K> iterator = new Iterator<>() {
            private int returned;

            @Override
            public boolean hasNext() {
                return returned < size;
            }

            @Override
            @SuppressWarnings("unchecked")
            public K next() {
                if (returned == size) {
                    throw new NoSuchElementException("all " + size + " tasks were returned");
                }
                watch.await(watch::hasFinishedWaiting, -1);
                returned++;
                return (K) Task.of(watch.pollFinished());
            }
        };
        return () -> iterator;
    }

    // ---- cancel scopes -------------------------------------------------------------------------

    /**
     * Runs {@code body}, cancelling it if it has not finished after {@code limit} on the loop's
     * clock, and then throws {@link TimeoutException} (whose cause is how the body ended, showing
     * where it was waiting). Timeouts nest: each fires for its own body only, the inner one
     * first when it is shorter. Cancellation is delivered at the body's blocking calls: Weft's
     * waits throw {@link CancellationException}, JDK calls fail as on interrupt.
     *
     * {@snippet :
     * String page = Weft.timeout(Duration.ofSeconds(5), () -> fetch(url));
     * }
     *
     * <p>Zero means the body is cancelled at its first blocking call.
     *
     * <p>A failure beats a timeout: if children of a task group in the body failed before the
     * limit ended it, the first of their failures is thrown (unchecked as it is, checked wrapped
     * in {@link java.util.concurrent.CompletionException}) with the others and the
     * {@link TimeoutException} suppressed, so code that catches the timeout loses no failure.
     *
     * @throws TimeoutException if the limit passed and ended the body
     * @throws IllegalArgumentException if the limit is negative
     */
    public static <T, X extends Exception> T timeout(Duration limit, Body<T, X> body)
            throws X, TimeoutException {
        Task<?> task = requireTask("Weft.timeout");
        long nanos = Durations.toNanos(limit, "timeout");
        Objects.requireNonNull(body, "body");
        CancelScope scope = CancelScope.openTimeout(task.core, limit, nanos);
        try {
            return body.run();
        } catch (Throwable ended) {
            if (scope.isCancelled() && !scope.outerCancellationPending()
                    && Cancellation.isSignal(ended)) {
                throw timedOut(scope, task, ended);
            }
            throw ended;
        } finally {
            scope.close();
            if (scope.isCancelled() && !task.core.isCancelling()) {
                Thread.interrupted();   // the interrupt was this scope's own; it is spent
            }
        }
    }

    /**
     * What a timeout that ended its body throws: a {@link TimeoutException} whose cause shows
     * where the body was waiting; or, when the body's cancellation carries failures (of task
     * groups' children that failed meanwhile), the first of those, with the others and the
     * timeout suppressed, thrown from here: a failure is news that a caller catching the
     * timeout must not lose.
     */
    private static TimeoutException timedOut(CancelScope scope, Task<?> task, Throwable ended) {
        var timeout = new TimeoutException(scope + " expired in task \"" + task.name() + "\"");
        List<Throwable> carried = Failures.carried(ended);
        if (carried.isEmpty()) {
            timeout.initCause(ended);
            return timeout;
        }
        // The cause is a copy without the failures, which must not hang below themselves.
        var where = new CancellationException(ended.getMessage());
        where.setStackTrace(ended.getStackTrace());
        timeout.initCause(where);
        Throwable first = carried.getFirst();
        Failures.withSuppressed(first, carried.subList(1, carried.size()));
        first.addSuppressed(timeout);
        throw Failures.unchecked(first);
    }

    /**
     * Runs {@code body} protected from cancellation: a cancel of the task or an enclosing
     * timeout waits until the body ends and then applies at the next blocking call. Use it for
     * cleanup that must finish; a {@link #timeout} inside a shield still works.
     */
    public static <T, X extends Exception> T shield(Body<T, X> body) throws X {
        Task<?> task = requireTask("Weft.shield");
        Objects.requireNonNull(body, "body");
        boolean wasInterrupted = Thread.interrupted();
        CancelScope scope = CancelScope.openShield(task.core);
        try {
            return body.run();
        } finally {
            scope.close();
            if (wasInterrupted || task.core.isCancelling()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- shared checks -------------------------------------------------------------------------

    static Task<?> requireTask(String method) {
        Task<?> task = Task.currentOrNull();
        if (task == null) {
            throw new WrongThreadException(
                    method + " must be called from a task; start one with Weft.run(...)");
        }
        return task;
    }

    private static Loop loop(String method) {
        return requireTask(method).loop();
    }

    /**
     * Waits until {@code ready} holds for the watched tasks or the timeout (negative: none)
     * passes, then withdraws the watch from tasks still running.
     */
    private static boolean watch(TaskWatch watch, java.util.function.BooleanSupplier ready,
            long timeoutNanos) {
        try {
            return watch.await(ready, timeoutNanos);
        } finally {
            watch.abandon();
        }
    }

    private static List<Task<?>> checked(Task<?> caller, Collection<? extends Task<?>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        var copy = new ArrayList<Task<?>>(tasks.size());
        for (Task<?> task : tasks) {
            Objects.requireNonNull(task, "tasks must not contain null");
            if (task == caller) {
                throw new IllegalStateException("task \"" + caller.name()
                        + "\" cannot wait for itself: it would wait forever");
            }
            copy.add(task);
        }
        return copy;
    }

    private static List<TaskCore> cores(List<Task<?>> tasks) {
        var cores = new ArrayList<TaskCore>(tasks.size());
        for (Task<?> task : tasks) {
            cores.add(task.core);
        }
        return cores;
    }
}
