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

import dev.weft.internal.loop.LoopCore;
import dev.weft.internal.loop.TaskCore;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A unit of concurrent work on a {@link Loop}: one virtual thread that runs on the loop's thread,
 * plus its state, result, failure and done-callbacks; a {@link Joinable}. Created by {@code spawn} on a loop, on
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
 * blocks run. A task ends {@link Future.State#CANCELLED cancelled} when, after a cancel, it ends with the
 * exception the cancel caused ({@link CancellationException}, {@link InterruptedException}, a
 * socket closed by the interrupt), or when it throws {@link CancellationException} at any time;
 * a different failure during its cleanup ends it {@link Future.State#FAILED failed}. A task that catches the
 * cancellation and returns a value ends {@link Future.State#SUCCESS successfully}. An interrupt of the task's thread
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
public final class Task<T> implements Joinable<T> {
    /* How it works: a handle on the task's machinery, a TaskCore, which its loop runs; the core
     * knows its handle, so that Task.current() and callbacks hand users the same object. */

    final Core core;

    /** Creates a task of {@code loop}; see {@link LoopCore#spawn}. */
    Task(LoopCore loop, long id, String name, Object body, TaskCore parent) {
        this.core = new Core(this, loop, id, name, body, parent);
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
        return of(TaskCore.current());
    }

    /** Returns the handle of {@code core}, or null for null. */
    static Task<?> of(TaskCore core) {
        return core == null ? null : ((Core) core).task;
    }

    /** Returns the name given at spawn, or {@code task-<id>}. */
    @Override
    public String name() {
        return core.name();
    }

    /** Returns the loop that runs this task. */
    public Loop loop() {
        return Loop.of(core.loop());
    }

    @Override
    public Future.State state() {
        return core.state();
    }

    @Override
    public boolean isDone() {
        return core.isDone();
    }

    @Override
    public boolean isCancelled() {
        return core.isCancelled();
    }

    /** Returns whether someone asked to cancel this task, whether or not it has finished. */
    public boolean isCancelRequested() {
        return core.isCancelRequested();
    }

    @Override
    public void join() {
        core.join();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T result() {
        return (T) core.result();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() throws InterruptedException, ExecutionException {
        return (T) core.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return (T) core.get(timeout, unit);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T resultNow() {
        return (T) core.resultNow();
    }

    @Override
    public Throwable exceptionNow() {
        return core.exceptionNow();
    }

    /**
     * Asks the task to stop: a task not started yet never runs its body; a running one is
     * interrupted at its current or next {@linkplain dev.weft cancellation point}, unless it is
     * inside {@link Weft#shield}, in which case the cancel waits for the shield to end. Never
     * blocks; {@link #join()} waits for the task to finish.
     *
     * @return false if the task had already finished, true otherwise
     */
    @Override
    public boolean cancel() {
        return core.cancel();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel();
    }

    /**
     * Registers a callback run once the task has finished; see {@link Joinable} for where it
     * runs. After the loop has closed, callbacks run on a Weft fallback thread.
     */
    @Override
    public void onDone(Consumer<? super Joinable<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        core.onDone(() -> callback.accept(this));
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        return core.toCompletableFuture(this::cancel);
    }

    @Override
    public String toString() {
        return core.toString();
    }

    /** The task's machinery, which knows its handle. */
    static final class Core extends TaskCore {
        final Task<?> task;

        Core(Task<?> task, LoopCore loop, long id, String name, Object body, TaskCore parent) {
            super(loop, id, name, body, parent);
            this.task = task;
        }
    }
}
