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

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The outcome of concurrent work that tasks can wait for without blocking their loop: a
 * {@link Task} of a loop, or a {@code dev.weft.exec.Work} on a worker thread. One set of verbs
 * and one set of rules for both, on top of {@link Future}'s own methods, which keep their JDK
 * meaning.
 *
 * <ul>
 * <li><b>Waiting:</b> {@link #join()} waits and never throws the outcome's failure;
 *     {@link #result()} waits and returns the value or throws the failure; {@link #get()} does
 *     the same the JDK's way. Each is a {@linkplain dev.weft cancellation point}; bound the wait
 *     with {@link Weft#timeout}.
 * <li><b>Observing:</b> reading a failure or cancellation through {@link #result()},
 *     {@link #get()}, {@link #resultNow()}, {@link #exceptionNow()} or
 *     {@link #toCompletableFuture()} counts as observing it; a failure nobody observes is
 *     reported to the loop's {@link ExceptionHandler}, never lost.
 * <li><b>Callbacks:</b> {@link #onDone} runs its callback once the outcome is known, on the loop
 *     of the task (or loop callback) that registered it; registered from a plain thread, on the
 *     task's own loop, or, for work, on the thread that finished it. Callbacks registered before
 *     the end run in registration order. A callback must not block; one that throws is reported.
 * </ul>
 *
 * <p>Implemented by {@link Task} and {@code Work} only. (It is not {@code sealed}: its two
 * implementations live in two packages, which a sealed type allows only in a named module, and
 * Weft also runs on the class path.)
 *
 * <p><b>Thread safety:</b> every method may be called from any thread and any loop.
 *
 * @param <T> the result type
 */
public interface Joinable<T> extends Future<T> {

    /** Returns the name shown in messages and dumps. */
    String name();

    /**
     * Waits until the outcome is known; never throws the outcome's failure. Only the calling
     * task waits; its loop keeps running the others. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws IllegalStateException if a task joins itself, which could never return
     * @throws CancellationException if the waiting task is cancelled (or the waiting thread
     *     interrupted) while it waits
     * @throws DeadlockException if the wait could never end (a cycle of joins and locks)
     */
    void join();

    /**
     * Waits for the outcome and returns the value, throwing the failure as it is when unchecked
     * and wrapped in {@link CompletionException} when checked: the everyday way to read a result.
     * This is a {@linkplain dev.weft cancellation point}.
     *
     * @throws CancellationException if the work was cancelled, or the waiting task is
     * @throws IllegalStateException if a task waits for itself
     */
    T result();

    /**
     * Waits for the outcome and returns the value, as {@link Future#get()} does. This is a
     * {@linkplain dev.weft cancellation point}; a waiting task that is cancelled gets
     * {@link CancellationException}.
     *
     * @throws ExecutionException wrapping the failure
     * @throws CancellationException if the work was cancelled
     * @throws InterruptedException if the waiting plain thread is interrupted
     */
    @Override
    T get() throws InterruptedException, ExecutionException;

    /**
     * Waits at most {@code timeout} for the outcome and returns the value, as
     * {@link Future#get(long, TimeUnit)} does (the one timeout argument in Weft's futures, since
     * the JDK's interface asks for it); the time is measured on the waiting task's loop clock,
     * real time for a plain thread.
     *
     * @throws TimeoutException if the outcome is not known in time
     * @throws ExecutionException wrapping the failure
     * @throws InterruptedException if the waiting plain thread is interrupted
     */
    @Override
    T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException;

    /**
     * Returns the value without waiting, throwing the failure as {@link #result()} does.
     *
     * @throws IllegalStateException if the outcome is not known yet
     */
    @Override
    T resultNow();

    /**
     * Returns the failure without waiting, as {@link Future#exceptionNow()} does.
     *
     * @throws IllegalStateException if the outcome is not known yet, or is a value or a
     *     cancellation
     */
    @Override
    Throwable exceptionNow();

    /**
     * Asks the work to stop; never blocks. See the implementation for what stopping means.
     *
     * @return false if the outcome was already known
     */
    boolean cancel();

    /** Same as {@link #cancel()}: Weft always interrupts running work, so the flag is ignored. */
    @Override
    boolean cancel(boolean mayInterruptIfRunning);

    /**
     * Registers {@code callback} to run once the outcome is known, on the loop of the task that
     * registers it; see the class description for the rules. Never blocks.
     */
    void onDone(Consumer<? super Joinable<T>> callback);

    /**
     * Returns a {@link CompletableFuture} completed with the outcome; cancelling it cancels this
     * work.
     */
    CompletableFuture<T> toCompletableFuture();
}
