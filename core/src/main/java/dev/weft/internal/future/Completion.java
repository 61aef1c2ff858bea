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

package dev.weft.internal.future;

import dev.weft.internal.park.Home;
import dev.weft.internal.park.Interrupts;
import dev.weft.internal.park.Parking;
import dev.weft.internal.park.Party;
import dev.weft.internal.park.TaskParty;
import dev.weft.internal.park.WaitTarget;
import dev.weft.internal.park.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one future behind {@code Task} and {@code Work}: an outcome (a value, a failure or a
 * cancellation) written once, the joins and callbacks waiting for it, and what counts as
 * observing a failure. Both API types delegate their {@code Joinable} verbs here, so they share
 * one set of rules.
 *
 * <p>Not part of Weft's API.
 */
public abstract class Completion implements WaitTarget {
    /* How it works: `phase` goes PENDING -> RUNNING -> COMPLETING -> DONE/FAILED/CANCELLED; for a
     * future that others may complete (Work's cancel races with its worker) the step to
     * COMPLETING is a CAS, so exactly one outcome wins; a task, which alone completes itself,
     * skips the CAS (completeAlone). The winner writes `outcome` before the release of the final
     * phase publishes it. Everything waiting for the outcome (joins as Waiters, internal listeners,
     * user callbacks) is pushed on a lock-free stack, `completions`; completing swaps the stack
     * for FINISHED and serves it in registration order, and a push that finds FINISHED serves
     * itself. */

    /** The stages of a future's life. */
    public enum Phase {
        /** Created, not started. */
        PENDING,
        /** Started and not finished. */
        RUNNING,
        /** Its outcome is being written; still RUNNING to everyone else. */
        COMPLETING,
        /** Finished with a value. */
        DONE,
        /** Finished by throwing. */
        FAILED,
        /** Finished by cancellation. */
        CANCELLED;

        /** Returns whether this phase is final. */
        public boolean isFinished() {
            return ordinal() >= DONE.ordinal();
        }
    }

    private static final VarHandle PHASE;
    private static final VarHandle COMPLETIONS;
    private static final Node FINISHED = new Node(null);

    static {
        try {
            var lookup = MethodHandles.lookup();
            PHASE = lookup.findVarHandle(Completion.class, "phase", Phase.class);
            COMPLETIONS = lookup.findVarHandle(Completion.class, "completions", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Phase phase = Phase.PENDING;   // any thread; CAS
    private Object outcome;                         // value or Throwable; published by phase
    private volatile Node completions;              // any thread; CAS; FINISHED once served
    private volatile boolean observed;              // any thread

    /** Creates a pending future. */
    protected Completion() {}

    // ---- what the owner decides ----------------------------------------------------------------

    /** Returns how messages name this future: {@code task "fetch-3"}. */
    protected abstract String describe();

    /** Sends a failure that nobody can catch (a failing callback) to the owner's handler. */
    protected abstract void report(String message, Throwable failure);

    /**
     * Returns the loop that runs callbacks registered from a plain thread, or null to run them
     * on the thread that completes the future.
     */
    protected abstract Home callbackHome();

    /** Called once the first time a failure or cancellation of this future is read. */
    protected void failureObserved() {}

    /** Called after the outcome is published, before joins and callbacks are served. */
    protected void completed() {}

    /**
     * Throws if the calling party may not join this future (a task joining itself).
     *
     * @throws IllegalStateException then
     */
    protected void checkJoinable(Party joiner) {}

    // ---- the outcome ---------------------------------------------------------------------------

    /** Returns the current phase. */
    public final Phase phase() {
        Phase current = phase;
        return current == Phase.COMPLETING ? Phase.RUNNING : current;
    }

    /** Returns the phase in {@link Future}'s terms. */
    public final Future.State state() {
        return switch (phase) {
            case PENDING, RUNNING, COMPLETING -> Future.State.RUNNING;
            case DONE -> Future.State.SUCCESS;
            case FAILED -> Future.State.FAILED;
            case CANCELLED -> Future.State.CANCELLED;
        };
    }

    /** Returns whether the outcome is final. */
    public final boolean isDone() {
        return phase.isFinished();
    }

    /** Returns whether the future ended cancelled. */
    public final boolean isCancelled() {
        return phase == Phase.CANCELLED;
    }

    /** Moves PENDING to RUNNING; returns false if the future had left PENDING. */
    protected final boolean begin() {
        return PHASE.compareAndSet(this, Phase.PENDING, Phase.RUNNING);
    }

    /**
     * Writes the outcome and serves everything waiting for it, unless another outcome won
     * first; returns whether this one did.
     *
     * @param end DONE, FAILED or CANCELLED
     * @param result the value, or the failure or {@link CancellationException}
     */
    protected final boolean complete(Phase end, Object result) {
        Phase current;
        do {
            current = phase;
            if (current.isFinished() || current == Phase.COMPLETING) {
                return false;
            }
        } while (!PHASE.compareAndSet(this, current, Phase.COMPLETING));
        publish(end, result);
        return true;
    }

    /** Moves PENDING to RUNNING, for an owner that alone starts and completes the future. */
    protected final void markRunning() {
        PHASE.setRelease(this, Phase.RUNNING);
    }

    /**
     * Writes the outcome and serves everything waiting for it, for an owner that alone
     * completes the future (a task, on its own thread or before it has one): no race to win,
     * so no compare-and-set, which a million spawned tasks would pay twice each.
     */
    protected final void completeAlone(Phase end, Object result) {
        publish(end, result);
    }

    private void publish(Phase end, Object result) {
        outcome = result;
        PHASE.setRelease(this, end);   // publishes outcome; the swap below fences
        completed();
        Node stack = (Node) COMPLETIONS.getAndSet(this, FINISHED);
        if (stack != null && stack.next == null) {
            serve(stack);
        } else if (stack != null) {
            serveInOrder(stack);
        }
    }

    /** Returns the failure or cancellation without marking it observed, or null. */
    public final Throwable failure() {
        Phase current = phase;
        return current == Phase.FAILED || current == Phase.CANCELLED ? (Throwable) outcome : null;
    }

    /** Returns whether a failure or cancellation of this future has been read. */
    public final boolean isObserved() {
        return observed;
    }

    /** Counts the outcome as read, as the owner's group does when it delivers a failure. */
    public final void markObserved() {
        if (!observed) {
            observed = true;
            failureObserved();
        }
    }

    // ---- the verbs of Joinable -----------------------------------------------------------------

    /** Waits until finished; see {@code Joinable.join()}. */
    public final void join() {
        awaitDone(-1);
    }

    /**
     * Waits until finished or {@code timeoutNanos} pass (negative: no limit); returns whether
     * it finished.
     */
    public final boolean awaitDone(long timeoutNanos) {
        Party me = Party.current();
        if (isDone()) {
            if (me instanceof TaskParty) {
                me.checkpoint();   // a task's join is always a cancellation point
            }
            return true;   // a plain thread gets a finished outcome, as Future.get() promises
        }
        me.checkpoint();
        checkJoinable(me);
        var waiter = new Waiter(me, this, 1);
        var node = new Node(waiter);
        push(node);
        boolean finished = false;
        try {
            finished = Parking.await(waiter, timeoutNanos);
            return finished;
        } finally {
            if (!finished) {
                node.abandon();
            }
        }
    }

    /**
     * Waits until finished even if the caller is cancelled or interrupted meanwhile, which then
     * stays pending for its next cancellation point: for the steps that must finish, such as a
     * loop waiting for its main task.
     */
    public final void joinUncancellable() {
        if (isDone()) {
            return;
        }
        Party me = Party.current();
        checkJoinable(me);
        var waiter = Waiter.uncancellable(me, this);
        var node = new Node(waiter);
        push(node);
        try {
            Parking.awaitUncancellable(waiter);
        } finally {
            node.abandon();   // served or not, this registration is done
        }
    }

    /** Waits and returns the value; see {@code Joinable.result()}. */
    public final Object result() {
        join();
        return resultNow();
    }

    /** Waits and returns the value as {@link Future#get()} does. */
    public final Object get() throws InterruptedException, ExecutionException {
        awaitForGet(-1);
        return reportForGet();
    }

    /** Waits at most the timeout and returns the value as {@link Future#get(long, TimeUnit)}. */
    public final Object get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!awaitForGet(Math.max(0, unit.toNanos(timeout)))) {
            throw new TimeoutException(this + " did not finish within " + timeout + " " + unit);
        }
        return reportForGet();
    }

    /** Returns the value of a finished future; see {@code Joinable.resultNow()}. */
    public final Object resultNow() {
        Phase current = phase;
        if (!current.isFinished()) {
            throw new IllegalStateException(this + " has not finished; use result() to wait for "
                    + "it");
        }
        return switch (current) {
            case DONE -> outcome;
            case FAILED -> {
                markObserved();
                throw unchecked((Throwable) outcome);
            }
            default -> {
                markObserved();
                throw cancellation();
            }
        };
    }

    /** Returns the failure of a FAILED future, as {@link Future#exceptionNow()} does. */
    public final Throwable exceptionNow() {
        Phase current = phase;
        if (!current.isFinished()) {
            throw new IllegalStateException(this + " has not finished; join() it first");
        }
        if (current != Phase.FAILED) {
            throw new IllegalStateException(this + " did not fail"
                    + (current == Phase.CANCELLED ? ": it was cancelled" : ""));
        }
        markObserved();
        return (Throwable) outcome;
    }

    /**
     * Registers {@code callback} to run once the future has finished: on the loop of the task or
     * loop callback that registers it, else on {@link #callbackHome()}, else on the finishing
     * thread. A failing callback is reported.
     */
    public final void onDone(Runnable callback) {
        Home home = Party.current().home();
        Home where = home != null ? home : callbackHome();
        push(new Node(new Callback(this, callback, where)));
    }

    /** Registers an internal listener run on the finishing thread; it must not block. */
    public final Node whenFinished(Listener listener) {
        var node = new Node(listener);
        push(node);
        return node;
    }

    /**
     * Returns a {@link CompletableFuture} completed with the outcome; cancelling it runs
     * {@code cancel}.
     */
    public final <T> CompletableFuture<T> toCompletableFuture(Runnable cancel) {
        var future = new CompletableFuture<T>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                cancel.run();
                return super.cancel(mayInterruptIfRunning);
            }
        };
        whenFinished(finished -> {
            switch (phase) {
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

    // ---- as a wait target ----------------------------------------------------------------------

    @Override
    public final boolean endsWhenHolderEnds() {
        return true;
    }

    /** A join is handed nothing: a cancellation that races with the end still applies. */
    @Override
    public final boolean handsOver() {
        return false;
    }

    @Override
    public final String describeWait() {
        return "waits for " + this + " to finish";
    }

    /** How many registrations wait for this future, abandoned ones included; for tests. */
    public final int waitersForTest() {
        int count = 0;
        for (Node node = completions; node != null && node != FINISHED; node = node.next) {
            count++;
        }
        return count;
    }

    // ---- inside --------------------------------------------------------------------------------

    /**
     * Waits as {@link #awaitDone} does, but a plain thread interrupted meanwhile gets the
     * {@link InterruptedException} that {@link Future#get()} promises.
     */
    private boolean awaitForGet(long timeoutNanos) throws InterruptedException {
        try {
            return awaitDone(timeoutNanos);
        } catch (CancellationException e) {
            throw Interrupts.forThread(Party.current(), e);
        }
    }

    private Object reportForGet() throws ExecutionException {
        Phase current = phase;
        if (current != Phase.DONE) {
            markObserved();
        }
        return switch (current) {
            case DONE -> outcome;
            case FAILED -> throw new ExecutionException(describe() + " failed",
                    (Throwable) outcome);
            default -> throw cancellation();
        };
    }

    private CancellationException cancellation() {
        var cancellation = new CancellationException(describe() + " was cancelled");
        if (outcome instanceof Throwable cause) {
            cancellation.initCause(cause);
        }
        return cancellation;
    }

    @SuppressWarnings("unchecked")
    private <T> T value() {
        return (T) outcome;
    }

    /**
     * Returns the failure itself when unchecked, so callers see the original type; a checked one
     * comes back wrapped in {@link CompletionException}, as {@code CompletableFuture.join} does;
     * an {@link Error} is thrown from here.
     */
    public static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new CompletionException(failure);
    }

    private void push(Node node) {
        while (true) {
            Node head = completions;
            if (head == FINISHED) {
                serve(node);
                return;
            }
            if (head != null && head.target == null) {
                // An abandoned wait (timed out or cancelled) on top: drop it, so that a future
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

    /** Serves a stack of several completions, newest first, in registration order. */
    private void serveInOrder(Node stack) {
        List<Node> ordered = new ArrayList<>();
        for (Node node = stack; node != null; node = node.next) {
            ordered.add(node);
        }
        for (int i = ordered.size() - 1; i >= 0; i--) {
            serve(ordered.get(i));
        }
    }

    private void serve(Node node) {
        switch (node.target) {
            case null -> { }   // abandoned: its waiter stopped waiting
            case Waiter waiter -> waiter.grant();
            case Listener listener -> {
                try {
                    listener.finished(this);
                } catch (Throwable e) {
                    // Listeners are Weft's own; a failure here is a bug that must not vanish.
                    report("a completion listener of " + this + " failed", e);
                }
            }
            default -> throw new AssertionError(node.target);
        }
    }

    /** Something to do when a future finishes; called on the finishing thread, must not block. */
    @FunctionalInterface
    public interface Listener {
        /** The future has its outcome. */
        void finished(Completion completion);
    }

    /** One registration on a future; abandoning it makes completing skip it. */
    public static final class Node {
        private volatile Object target;   // a Waiter to grant, a Listener, or null once abandoned
        private Node next;

        private Node(Object target) {
            this.target = target;
        }

        /** Any thread: the waiter behind this registration stopped waiting. */
        public void abandon() {
            target = null;
        }
    }

    /** A user callback, moved to the loop chosen when it was registered. */
    private record Callback(Completion future, Runnable callback, Home where)
            implements Listener, Runnable {
        @Override
        public void finished(Completion completion) {
            if (where == null) {
                run();
            } else {
                where.post(this);
            }
        }

        @Override
        public void run() {
            try {
                callback.run();
            } catch (Throwable e) {   // user code: even a checked exception thrown sneakily
                future.report("a done-callback of " + future + " failed", e);
            }
        }
    }
}
