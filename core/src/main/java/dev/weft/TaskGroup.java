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

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import dev.weft.internal.loop.CancelScope;
import dev.weft.internal.loop.Cancellation;
import dev.weft.internal.loop.Failures;
import dev.weft.internal.future.Completion.Phase;
import dev.weft.internal.park.WaitList;
import dev.weft.internal.park.WaitPoint;

/**
 * A scope for child tasks (structured concurrency): when {@link #close()} returns, every child
 * spawned in the group has finished. The first child that fails cancels its siblings, and
 * {@code close()} throws that failure with the others attached as suppressed. Cancelling the
 * task that opened the group cancels the children. Groups nest: a child may open its own.
 *
 * {@snippet :
 * List<String> pages = TaskGroup.run(group -> {
 *     Task<String> a = group.spawn(() -> fetch("a"));
 *     Task<String> b = group.spawn(() -> fetch("b"));
 *     return List.of(a.result(), b.result());   // a failure of either cancels this wait
 * });                                           // both done here; a failure is thrown here
 * }
 *
 * <p>{@link #run} is the complete form, as in asyncio's and Trio's groups: a failing child also
 * cancels the body, and a failing body cancels the children. {@link #open()} with
 * try-with-resources is the short form for a body that only spawns:
 *
 * {@snippet :
 * try (var group = TaskGroup.open()) {
 *     urls.forEach(url -> group.spawn(() -> fetch(url)));
 * }                                   // every fetch done here; the first failure is thrown
 * }
 *
 * <p><b>Thread safety:</b> {@link #spawn} and {@link #cancel()} may be called from any thread;
 * children always run on the loop of the task that opened the group. {@link #close()} belongs
 * to the task that opened the group.
 *
 * <p><b>Pitfalls:</b> with try-with-resources a failing child cancels its siblings but not the
 * body of the block, which runs on until it reaches {@code close()}, because {@code close()}
 * cannot see the body; and if the body throws, {@code close()} still waits for the children, and
 * Java attaches the children's failures to the body's exception as suppressed. When that
 * exception is a {@link TimeoutException} (an inner {@link Weft#timeout} expired), code that
 * catches the timeout drops them. {@link #run} has neither problem: there a failing child
 * cancels the body, and a child failure beats a timeout. Use {@link #run} when the body waits
 * for its children's work or may time out.
 */
public final class TaskGroup implements AutoCloseable {
    /* How it works: each child gets a listener that runs when it finishes, on its loop's
     * thread; the listener records a failure and cancels the siblings and, inside run(), the
     * body's cancel scope on the owner. `running` holds the children spawned and not finished;
     * close() parks the owner, in `idle`'s wait list, until it is empty. The state below is
     * guarded by `this` because spawn and cancel may come from any thread; `idle` has its own
     * lock, never taken while holding `this`. */

    private final Task<?> owner;
    private final Set<Task<?>> running = new LinkedHashSet<>();   // guarded by this
    // Children whose failures are still to be delivered: failed ones, and cancelled ones whose
    // cancellation carries failures (of their own groups' children). A child counts as observed
    // only when its failure is delivered, so a group never closed leaves them to the loop's report.
    private final List<Task<?>> undelivered = new ArrayList<>();  // guarded by this
    private boolean childFailed;                                  // guarded by this
    private boolean cancelled;                                    // guarded by this
    private boolean closed;                                       // guarded by this
    private CancelScope bodyScope;                                // owner's thread, loop thread
    private final WaitPoint idle = new WaitPoint(this);           // where the owner waits
    private final WaitList idleWaiters = new WaitList();          // guarded by idle
    private final Runnable cancelOnOwnerCancel = this::cancel;    // the owner's ledger entry

    private TaskGroup(Task<?> owner) {
        this.owner = owner;
    }

    /**
     * Opens a group owned by the calling task.
     *
     * @throws WrongThreadException if the caller is not a task
     */
    public static TaskGroup open() {
        Task<?> owner = Weft.requireTask("TaskGroup.open");
        var group = new TaskGroup(owner);
        owner.core.loop().ledger().groupOpened(owner.core, group.cancelOnOwnerCancel);
        return group;
    }

    /**
     * Runs {@code body} with a new group owned by the calling task, then waits until every child
     * has finished. The first child failure cancels the other children and the body itself (at
     * its current or next blocking call), and is thrown once all have finished, with later
     * failures attached as suppressed (unchecked as it is, checked wrapped in
     * {@link java.util.concurrent.CompletionException}). If the body throws, the children are
     * cancelled and awaited, and the body's exception is thrown with the children's failures
     * suppressed; but a failure beats a timeout: when the body ended with a
     * {@link java.util.concurrent.TimeoutException} (an inner {@link Weft#timeout} expired) and
     * children failed meanwhile, the first child failure is thrown with the others and the
     * timeout suppressed, so code that catches the timeout drops nothing. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @return what the body returned
     * @throws WrongThreadException if the caller is not a task
     */
    public static <T, X extends Exception> T run(GroupBody<T, X> body) throws X {
        Task<?> owner = Weft.requireTask("TaskGroup.run");
        java.util.Objects.requireNonNull(body, "body");
        TaskGroup group = open();
        CancelScope scope = CancelScope.openGroup(owner.core);
        group.bodyScope = scope;
        T value;
        try {
            value = body.run(group);
        } catch (Throwable bodyFailure) {
            group.endBody(scope);
            group.cancel();
            group.closeAfter(bodyFailure, scope.isCancelled());
            throw bodyFailure;
        }
        group.endBody(scope);
        group.close();
        return value;
    }

    /**
     * Spawns a child task on the owner's loop.
     *
     * @throws IllegalStateException if the group is closed
     */
    public <T> Task<T> spawn(Callable<T> body) {
        return spawn(null, body);
    }

    /**
     * Spawns a named child task on the owner's loop.
     *
     * @throws IllegalStateException if the group is closed
     */
    public <T> Task<T> spawn(String name, Callable<T> body) {
        Objects.requireNonNull(body, "body");
        return spawnChecked(() -> owner.core.loop().spawn(name, body, owner.core));
    }

    /** Spawns a child task that runs {@code body}; see {@link #spawn(Callable)}. */
    public Task<Void> spawn(Action body) {
        return spawn(null, body);
    }

    /** Spawns a named child task that runs {@code body}; see {@link #spawn(String, Callable)}. */
    public Task<Void> spawn(String name, Action body) {
        Objects.requireNonNull(body, "body");
        return spawnChecked(() -> owner.core.loop().spawn(name, body, owner.core));
    }

    @SuppressWarnings("unchecked")
    private <T> Task<T> spawnChecked(
            java.util.function.Supplier<dev.weft.internal.loop.TaskCore> spawner) {
        Task<T> child;
        boolean cancelAtOnce;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the task group of task \"" + owner.name()
                        + "\" is closed; spawn its children before close()");
            }
            child = (Task<T>) Task.of(spawner.get());
            running.add(child);
            cancelAtOnce = cancelled;
        }
        child.core.whenFinished(finished -> childFinished(child));
        if (cancelAtOnce) {
            child.cancel();
        }
        return child;
    }

    /**
     * Cancels every child, including ones spawned from now on; the owner's code goes on. Never
     * blocks.
     */
    public void cancel() {
        List<Task<?>> children;
        synchronized (this) {
            cancelled = true;
            children = List.copyOf(running);
        }
        for (Task<?> child : children) {
            child.cancel();
        }
    }

    /**
     * Waits until every child has finished, then throws the first child failure, with the
     * others suppressed (unchecked as it is, checked wrapped in
     * {@link java.util.concurrent.CompletionException}). If the owner is cancelled while it
     * waits (or its wait fails otherwise), the children are cancelled and awaited, then that
     * {@link CancellationException} is thrown with every child failure attached as suppressed:
     * whatever the owner ends with, its children's failures go with it. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws IllegalStateException if called by a task other than the owner
     */
    @Override
    public void close() {
        if (Task.currentOrNull() != owner) {
            throw new IllegalStateException("a TaskGroup must be closed by the task that opened "
                    + "it (\"" + owner.name() + "\"), not by " + describe(Task.currentOrNull()));
        }
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        try {
            awaitChildren();
        } catch (Throwable ownerEnded) {   // cancelled, or told of a deadlock: children go too
            cancel();
            closeAfterCancelled(ownerEnded);
            Failures.withSuppressed(ownerEnded, takeFailures());
            throw ownerEnded;
        }
        finishClose();
        List<Throwable> childFailures = takeFailures();
        if (!childFailures.isEmpty()) {
            throw firstWithOthersSuppressed(childFailures, List.of());
        }
    }

    /** Owner: the body has ended; a child failure no longer concerns it. */
    private void endBody(CancelScope scope) {
        bodyScope = null;
        scope.close();
        if (scope.isCancelled() && !owner.core.isCancelling()) {
            Thread.interrupted();   // the interrupt was this scope's own; it is spent
        }
    }

    /**
     * Owner, after the body threw: waits for the children, then either lets the body's exception
     * through with the children's failures suppressed, or throws the first child failure instead
     * when the body only ended because a child failed, or ended with a {@link TimeoutException}:
     * a failure beats a timeout, since code that catches the timeout would drop what it carries.
     */
    private void closeAfter(Throwable bodyFailure, boolean cancelledByChild) {
        closeAfterCancelled(bodyFailure);
        List<Throwable> childFailures = takeFailures();
        if (bodyFailure instanceof TimeoutException && !childFailures.isEmpty()) {
            // First: a timeout's cause is a cancellation, so the next test would drop it.
            throw firstWithOthersSuppressed(childFailures, List.of(bodyFailure));
        }
        if (cancelledByChild && !childFailures.isEmpty() && Cancellation.isSignal(bodyFailure)) {
            // The body's cancellation is dropped for the child failure that caused it; failures
            // it carries (of groups inside the body) go with that one.
            throw firstWithOthersSuppressed(childFailures, Failures.carried(bodyFailure));
        }
        Failures.withSuppressed(bodyFailure, childFailures);
    }

    /**
     * Owner: takes the failures of the children still to be delivered, marking those children
     * observed: the failure of a failed child, what a cancelled child's cancellation carries.
     */
    private List<Throwable> takeFailures() {
        List<Task<?>> children;
        synchronized (this) {
            children = List.copyOf(undelivered);
            undelivered.clear();
        }
        // In order, once each: two children may carry one failure (both read one failed task).
        var found = new ArrayList<Throwable>();
        var seen = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
        for (Task<?> child : children) {
            child.core.markObserved();
            List<Throwable> failures = child.core.phase() == Phase.FAILED
                    ? List.of(child.core.failure()) : Failures.carried(child.core.failure());
            for (Throwable failure : failures) {
                if (seen.add(failure)) {
                    found.add(failure);
                }
            }
        }
        return found;
    }

    /** The first child failure, carrying the later ones and {@code more} as suppressed. */
    private static RuntimeException firstWithOthersSuppressed(List<Throwable> childFailures,
            List<Throwable> more) {
        Throwable first = childFailures.getFirst();
        Failures.withSuppressed(first, childFailures.subList(1, childFailures.size()));
        Failures.withSuppressed(first, more);
        return Failures.unchecked(first);
    }

    /**
     * Owner, ending with {@code ended}: waits for the children, which were cancelled, whatever
     * cancels the owner now, and closes the group; what ends that wait goes with {@code ended}.
     */
    private void closeAfterCancelled(Throwable ended) {
        try {
            Weft.shield(() -> {
                awaitChildren();
                return null;
            });
        } catch (Throwable alsoEnded) {   // a closed world's stall report, even in a shield
            ended.addSuppressed(alsoEnded);
        } finally {
            finishClose();
        }
    }

    private void awaitChildren() {
        idle.awaitUntil(this::isIdle, idleWaiters, -1);
    }

    private synchronized boolean isIdle() {
        return running.isEmpty();
    }

    private void finishClose() {
        synchronized (this) {
            closed = true;
        }
        owner.core.loop().ledger().groupClosed(owner.core, cancelOnOwnerCancel);
    }

    private void childFinished(Task<?> child) {
        List<Task<?>> siblings = List.of();
        boolean nowIdle;
        boolean failed = child.core.phase() == Phase.FAILED;
        boolean carries = !failed && child.core.phase() == Phase.CANCELLED
                && Failures.carriesFailure(child.core.failure());
        synchronized (this) {
            running.remove(child);
            nowIdle = running.isEmpty();
            if (failed || carries) {
                undelivered.add(child);
            }
            if (failed && !childFailed) {
                childFailed = true;
                cancelled = true;
                siblings = List.copyOf(running);
            }
        }
        for (Task<?> sibling : siblings) {
            sibling.cancel();
        }
        if (failed) {
            cancelBody();
        }
        if (nowIdle) {
            synchronized (idle) {
                idleWaiters.grantAll(null);
            }
        }
    }

    /** After a child failure: cancels the body of {@link #run}, if it is still running. */
    private void cancelBody() {
        owner.core.loop().runOnLoop(() -> {
            CancelScope scope = bodyScope;
            if (scope != null) {
                scope.cancel();
            }
        });
    }

    private static String describe(Task<?> task) {
        return task == null ? "a thread that is not a task" : "task \"" + task.name() + "\"";
    }

    @Override
    public synchronized String toString() {
        return "TaskGroup[of " + owner.name() + ", " + running.size() + " running"
                + (undelivered.isEmpty() ? "" : ", " + undelivered.size() + " failed") + "]";
    }
}
