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

package dev.weft.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future.State;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of platform worker threads for work that would block or hog a loop: Python's
 * {@code ThreadPoolExecutor} and asyncio's {@code to_thread}. A task hands the work over and
 * parks until it is done, so its loop keeps running the other tasks.
 *
 * {@snippet :
 * try (var pool = new WorkerPool("files", 8)) {
 *     Work<String> text = pool.submit(() -> Files.readString(path));   // concurrent.futures
 *     List<Long> sizes = pool.map(Files::size, paths);                 // input order
 *     String config = pool.call(() -> Files.readString(configPath));  // to_thread
 * }                                                                    // shutdown(wait=True)
 * }
 *
 * <p>Every loop also has a default pool, {@link Offload#pool()}, closed with the loop.
 *
 * <p><b>Shutting down,</b> in Python's terms: {@code shutdown(wait=True)} is {@link #close()};
 * {@code shutdown(wait=False)} is {@link #shutdown()}; {@code cancel_futures=True} is
 * {@link #shutdownNow()}, which also interrupts running work. Work submitted after shutdown is
 * rejected with {@link RejectedExecutionException}.
 *
 * <p><b>Errors are never lost:</b> a failure of work run through {@link #execute} is logged when
 * it happens (nobody holds that work); a failure of submitted work that nobody read
 * ({@link Work#result()}, {@link Work#get()}, {@link Work#exceptionNow()}) is logged when the pool
 * is closed.
 *
 * <p><b>Thread safety:</b> thread-safe. Waiting for work from a task parks only that task.
 */
public final class WorkerPool extends AbstractExecutorService {
    /* How it works: a JDK ThreadPoolExecutor with `size` core threads that time out when idle
     * (so an idle pool holds no threads) and an unbounded queue carries the jobs; every job is a
     * Work, which tasks can wait on through Weft's parking. Failed work is kept until someone
     * reads it or the pool shuts down. */

    private static final System.Logger LOGGER = System.getLogger("dev.weft");
    private static final long IDLE_SECONDS = 30;

    private final String name;
    private final ThreadPoolExecutor executor;
    private final Set<Work<?>> unobservedFailures = ConcurrentHashMap.newKeySet();
    private final Set<Work<?>> runningWork = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;   // any thread: shutdownNow() has begun

    /**
     * Creates a pool of at most {@code threads} worker threads, named {@code <name>-<n>}; threads
     * start as work arrives and end after 30 idle seconds.
     *
     * @throws IllegalArgumentException if {@code threads} is not positive
     */
    public WorkerPool(String name, int threads) {
        this.name = Objects.requireNonNull(name, "name");
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        var numbers = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + numbers.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Returns the pool's name. */
    public String name() {
        return name;
    }

    /** Returns the most worker threads the pool runs at once. */
    public int threads() {
        return executor.getMaximumPoolSize();
    }

    // ---- submitting ----------------------------------------------------------------------------

    /**
     * Submits {@code body} and returns its {@link Work} at once.
     *
     * @throws RejectedExecutionException if the pool is shut down
     */
    @Override
    public <T> Work<T> submit(Callable<T> body) {
        Work<T> work = newTaskFor(body);
        executeWork(work);
        return work;
    }

    /** Submits {@code body}, whose work has the value null; see {@link #submit(Callable)}. */
    @Override
    public Work<?> submit(Runnable body) {
        return submit(Executors.callable(Objects.requireNonNull(body, "body")));
    }

    /** Submits {@code body}, whose work has {@code value}; see {@link #submit(Callable)}. */
    @Override
    public <T> Work<T> submit(Runnable body, T value) {
        return submit(Executors.callable(Objects.requireNonNull(body, "body"), value));
    }

    /**
     * Runs {@code command} on a worker; nobody holds its work, so a failure is logged at once.
     *
     * @throws RejectedExecutionException if the pool is shut down
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        if (command instanceof Work<?> work) {
            executeWork(work);
            return;
        }
        Work<Object> work = newTaskFor(Executors.callable(command));
        work.onDone(done -> {
            if (done.state() == State.FAILED) {
                report(done + " failed; it was run through execute(), so nobody else can see "
                        + "its failure", done.exceptionNow());
            }
        });
        executeWork(work);
    }

    /**
     * Runs {@code body} on a worker and waits for its value, parking the calling task meanwhile:
     * asyncio's {@code to_thread}. If the calling task is cancelled, the work is cancelled too
     * (its worker interrupted). This is a {@linkplain dev.weft cancellation point}.
     *
     * @throws RejectedExecutionException if the pool is shut down
     * @throws CancellationException if the calling task is cancelled
     */
    public <T> T call(Callable<T> body) {
        Work<T> work = submit(body);
        try {
            work.join();
        } catch (CancellationException callerCancelled) {
            work.cancel();
            throw callerCancelled;
        }
        return work.resultNow();
    }

    /**
     * Applies {@code function} to every input on the workers, at most {@link #threads()} at
     * once, and returns the results in input order. The first failure, in input order, cancels
     * the work still pending or running and is thrown as {@link Work#result()} throws it. This is
     * a {@linkplain dev.weft cancellation point}; a cancelled caller cancels the work.
     */
    public <A, B> List<B> map(Mapper<? super A, ? extends B> function, Iterable<A> inputs) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(inputs, "inputs");
        var works = new ArrayList<Work<? extends B>>();
        for (A input : inputs) {
            works.add(submit(() -> function.apply(input)));
        }
        var results = new ArrayList<B>(works.size());
        try {
            for (Work<? extends B> work : works) {
                results.add(work.result());
            }
        } catch (Throwable failure) {
            works.forEach(Work::cancel);
            throw failure;
        }
        return results;
    }

    // ---- shutting down -------------------------------------------------------------------------

    /** Accepts no new work; submitted work still runs. Never blocks. */
    @Override
    public void shutdown() {
        executor.shutdown();
    }

    /**
     * Accepts no new work, cancels the work not started and cancels (interrupts) the work
     * running. Never blocks.
     *
     * @return the work that never started, now cancelled
     */
    @Override
    public List<Runnable> shutdownNow() {
        stopping = true;   // a job a worker took but has not started yet cancels itself
        executor.shutdown();
        // The queue is emptied before running work is cancelled: a worker freed by a cancel
        // would otherwise take a queued job (shutdown() still runs what is queued) and run it.
        List<Runnable> neverRan = new ArrayList<>();
        executor.getQueue().drainTo(neverRan);
        runningWork.forEach(Work::cancel);
        neverRan.addAll(executor.shutdownNow());
        for (Runnable job : neverRan) {
            if (job instanceof Work<?> work) {
                work.cancel();   // releases whoever waits for it
            }
        }
        return neverRan;
    }

    @Override
    public boolean isShutdown() {
        return executor.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return executor.isTerminated();
    }

    /**
     * Waits until all work has finished after a shutdown, or the timeout passes; from a task,
     * this parks the task.
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return executor.awaitTermination(timeout, unit);
    }

    /** Shuts down and waits until all submitted work has finished: Python's {@code shutdown()}. */
    @Override
    public void close() {
        super.close();
        reportUnobservedFailures();
    }

    @Override
    public String toString() {
        return "WorkerPool[" + name + ", " + executor.getActiveCount() + " of " + threads()
                + " threads busy, " + executor.getQueue().size() + " waiting"
                + (isShutdown() ? ", shut down" : "") + "]";
    }

    // ---- for Work ------------------------------------------------------------------------------

    @Override
    protected <T> Work<T> newTaskFor(Callable<T> body) {
        return new Work<>(this, body);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable body, T value) {
        return new Work<>(this, Executors.callable(body, value));
    }

    /** Returns whether {@link #shutdownNow()} has begun: work starting now must not run. */
    boolean isStopping() {
        return stopping;
    }

    /** A worker started {@code work}. */
    void started(Work<?> work) {
        runningWork.add(work);
    }

    /** {@code work} ended on its worker, however it ended. */
    void ended(Work<?> work) {
        runningWork.remove(work);
    }

    /** The work failed: kept until someone reads it or the pool is closed. */
    void failed(Work<?> work) {
        unobservedFailures.add(work);
    }

    void report(String message, Throwable failure) {
        LOGGER.log(System.Logger.Level.WARNING, "[" + name + "] " + message, failure);
    }

    private void executeWork(Work<?> work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            work.cancel();
            throw new RejectedExecutionException("worker pool \"" + name + "\" is shut down; "
                    + "submit before shutdown() or create a new WorkerPool", e);
        }
    }

    private void reportUnobservedFailures() {
        for (Work<?> work : List.copyOf(unobservedFailures)) {
            if (unobservedFailures.remove(work) && !work.isObserved()) {
                report(work + " failed and nobody read its failure (call result(), get() or "
                        + "exceptionNow() on it)", work.failure());
            }
        }
    }

    /** The function of {@link #map}: a {@code java.util.function.Function} that may throw. */
    @FunctionalInterface
    public interface Mapper<A, B> {
        /** Returns the result for {@code input}. */
        B apply(A input) throws Exception;
    }
}
