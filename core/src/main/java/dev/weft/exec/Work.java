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

import dev.weft.Joinable;
import dev.weft.internal.future.Completion;
import dev.weft.internal.park.Home;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A piece of work submitted to a {@link WorkerPool}: Python's {@code concurrent.futures.Future},
 * a {@link Joinable} that tasks can wait on without blocking their loop.
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
 * interrupted and ends cancelled at once, its eventual result dropped. A task waiting in
 * {@link #result()} or {@link #join()} that is cancelled gets {@link CancellationException}; the
 * work itself goes on (use {@link WorkerPool#call} to cancel both together).
 *
 * @param <T> the result type
 */
public final class Work<T> implements RunnableFuture<T>, Joinable<T> {
    /* How it works: the outcome is a Completion, the one future behind Task too: the worker moves
     * it from PENDING to RUNNING and completes it, or cancel() completes it CANCELLED first; the
     * first completion wins, so exactly one outcome is kept. A cancel that wins against running
     * work interrupts the worker and then raises `cancelDelivered`, so the worker can clear that
     * interrupt before its next job. */

    private final Callable<T> body;
    private final WorkerPool pool;
    private final Outcome outcome = new Outcome();
    private volatile Thread runner;                    // the worker while RUNNING
    private volatile boolean cancelDelivered;          // a winning cancel has interrupted

    Work(WorkerPool pool, Callable<T> body) {
        this.pool = pool;
        this.body = Objects.requireNonNull(body, "body");
    }

    /** Returns a name for messages: the body's class and the pool. */
    @Override
    public String name() {
        return body.getClass().getSimpleName() + " on " + pool.name();
    }

    @Override
    public State state() {
        return outcome.state();
    }

    @Override
    public boolean isDone() {
        return outcome.isDone();
    }

    @Override
    public boolean isCancelled() {
        return outcome.isCancelled();
    }

    /** Runs the work on the calling (worker) thread, unless it was cancelled or has run. */
    @Override
    public void run() {
        if (!outcome.startRunning()) {
            return;
        }
        runner = Thread.currentThread();
        pool.started(this);
        if (outcome.isCancelled() || pool.isStopping()) {
            // A cancel that won before `runner` was set could not interrupt it; a shutdownNow()
            // that came before `started` could not see this work. Either way it must not run.
            cancel();
            runner = null;
            pool.ended(this);
            awaitCancelDelivered();
            return;
        }
        Object result;
        Completion.Phase end;
        try {
            result = body.call();
            end = Completion.Phase.DONE;
        } catch (Throwable failure) {
            result = failure;
            end = Completion.Phase.FAILED;
        } finally {
            runner = null;
            pool.ended(this);
        }
        if (outcome.end(end, result)) {
            if (end == Completion.Phase.FAILED) {
                pool.failed(this);
            }
            return;
        }
        awaitCancelDelivered();
    }

    /**
     * Cancelled while running: waits until the canceller's interrupt has landed, then clears it,
     * so that it cannot hit the worker's next job.
     */
    private void awaitCancelDelivered() {
        while (!cancelDelivered) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
    }

    /**
     * Cancels the work: work not started never runs; running work is interrupted and ends
     * cancelled at once. Never blocks.
     *
     * @return false if the work had already finished
     */
    @Override
    public boolean cancel() {
        return outcome.end(Completion.Phase.CANCELLED,
                new CancellationException(this + " was cancelled"));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel();
    }

    @Override
    public void join() {
        outcome.join();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T result() {
        return (T) outcome.result();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() throws InterruptedException, ExecutionException {
        return (T) outcome.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return (T) outcome.get(timeout, unit);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T resultNow() {
        return (T) outcome.resultNow();
    }

    @Override
    public Throwable exceptionNow() {
        return outcome.exceptionNow();
    }

    /**
     * Registers a callback run once the work has finished: Python's {@code add_done_callback};
     * see {@link Joinable} for where it runs (registered from a plain thread, on the thread that
     * finished the work).
     */
    @Override
    public void onDone(Consumer<? super Joinable<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        outcome.onDone(() -> callback.accept(this));
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        return outcome.toCompletableFuture(this::cancel);
    }

    @Override
    public String toString() {
        return "Work[" + name() + " " + outcome.phase() + "]";
    }

    /** Returns whether a failure of this work has been read. */
    boolean isObserved() {
        return outcome.isObserved();
    }

    /** Returns the failure without marking it observed, or null. */
    Throwable failure() {
        return outcome.phase() == Completion.Phase.FAILED ? outcome.failure() : null;
    }

    /** The outcome of this work: finished by the worker or by a cancel, waited on by anyone. */
    private final class Outcome extends Completion {
        boolean startRunning() {
            return begin();
        }

        boolean end(Phase end, Object result) {
            return complete(end, result);
        }

        /**
         * A cancel that won interrupts running work before callbacks and woken joiners run
         * (they may wait for the worker), then lets the worker clear that interrupt.
         */
        @Override
        protected void completed() {
            if (phase() == Phase.CANCELLED) {
                Thread worker = runner;
                if (worker != null) {
                    worker.interrupt();
                }
                cancelDelivered = true;
            }
        }

        @Override
        protected String describe() {
            return Work.this.toString();
        }

        @Override
        protected void report(String message, Throwable failure) {
            pool.report(message, failure);
        }

        @Override
        protected Home callbackHome() {
            return null;   // registered from a plain thread: run on the finishing thread
        }

        @Override
        public boolean confinedTo(Home home) {
            return false;   // a worker thread ends the wait, never the loop's own tasks
        }

        @Override
        public String toString() {
            return Work.this.toString();
        }
    }
}
