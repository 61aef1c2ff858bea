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

import java.time.Duration;

/**
 * A region of a task's code that can be cancelled on its own (a {@code Weft.timeout}, or the body
 * of {@code TaskGroup.run} when a child fails) or that keeps outer cancellation out (a
 * {@code Weft.shield}). Scopes nest as a chain from the innermost outward, ending at the task
 * itself.
 *
 * <p>Not part of Weft's API.
 */
public final class CancelScope {
    /* How it works: a cancellation applies to the code at the top of the chain when some scope on
     * the chain is cancelled, or the task is, and no shield stands between that code and it.
     * Walking stops at the first shield. Only the task's own thread and its loop thread (while
     * the task is parked) touch a scope, and they never run at the same time. */

    enum Kind { TIMEOUT, GROUP, SHIELD }

    final Kind kind;
    final CancelScope outer;
    private final TaskCore task;
    private final Duration limit;   // TIMEOUT only
    private boolean cancelled;      // see "How it works"
    private boolean active = true;
    private LoopTimer deadlineTimer;

    private CancelScope(Kind kind, TaskCore task, Duration limit) {
        this.kind = kind;
        this.task = task;
        this.outer = task.scope;
        this.limit = limit;
    }

    /** Opens a timeout scope on the calling task; its deadline fires on the task's loop. */
    public static CancelScope openTimeout(TaskCore task, Duration limit, long nanos) {
        var scope = new CancelScope(Kind.TIMEOUT, task, limit);
        task.scope = scope;
        if (nanos == 0) {
            scope.cancelled = true;
            Thread.currentThread().interrupt();   // so that a JDK call in the body ends too
        } else {
            scope.deadlineTimer = task.loop().callAfterNanos(nanos, scope::expire);
        }
        return scope;
    }

    /** Opens a scope on the calling task that {@link #cancel()} cancels. */
    public static CancelScope openGroup(TaskCore task) {
        var scope = new CancelScope(Kind.GROUP, task, null);
        task.scope = scope;
        return scope;
    }

    /** Opens a shield on the calling task. */
    public static CancelScope openShield(TaskCore task) {
        var scope = new CancelScope(Kind.SHIELD, task, null);
        task.scope = scope;
        return scope;
    }

    /** Closes this scope, which must be the innermost one of its task. */
    public void close() {
        active = false;
        if (deadlineTimer != null) {
            deadlineTimer.cancel();
        }
        task.scope = outer;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Whether a cancellation from outside this scope applies to the code around it. */
    public boolean outerCancellationPending() {
        return cancellationPending(outer, task.isCancelRequested());
    }

    /** Loop thread: the deadline passed. */
    private void expire() {
        cancel();
    }

    /**
     * Loop thread (the task is not running): cancels this scope, interrupting the task unless a
     * shield inside the scope protects what it is doing now.
     */
    public void cancel() {
        if (!active || cancelled || task.isDone()) {
            return;
        }
        cancelled = true;
        if (!isShieldedBelow(task.scope, this)) {
            task.thread().interrupt();
        }
    }

    /** Whether a shield lies between the innermost scope and {@code target} (exclusive). */
    private static boolean isShieldedBelow(CancelScope innermost, CancelScope target) {
        for (CancelScope s = innermost; s != null && s != target; s = s.outer) {
            if (s.kind == Kind.SHIELD) {
                return true;
            }
        }
        return false;
    }

    /** Whether a timeout that has not fired yet is on the chain: the code's waits are bounded. */
    public static boolean hasDeadline(CancelScope innermost) {
        for (CancelScope s = innermost; s != null; s = s.outer) {
            if (s.kind == Kind.TIMEOUT && s.active && !s.cancelled) {
                return true;
            }
        }
        return false;
    }

    /** Whether any shield is on the chain, so a cancel of the whole task must wait. */
    public static boolean isShielded(CancelScope innermost) {
        return isShieldedBelow(innermost, null);
    }

    /** Whether a cancellation applies to code running with {@code innermost} on top. */
    public static boolean cancellationPending(CancelScope innermost, boolean taskCancelled) {
        CancelScope stop = firstStop(innermost);
        return stop == null ? taskCancelled : stop.kind != Kind.SHIELD;
    }

    /** Returns the innermost cancelled scope not hidden by a shield, or null. */
    public static CancelScope firstCancelled(CancelScope innermost) {
        CancelScope stop = firstStop(innermost);
        return stop != null && stop.kind != Kind.SHIELD ? stop : null;
    }

    /**
     * Walks outward and returns the first scope that decides the question: a cancelled timeout
     * or group (a cancellation applies), a shield (none from further out does), or null when the walk
     * reached the task itself.
     */
    private static CancelScope firstStop(CancelScope innermost) {
        for (CancelScope s = innermost; s != null; s = s.outer) {
            if (s.kind == Kind.SHIELD || s.cancelled) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TIMEOUT -> "Weft.timeout(" + limit + ")";
            case GROUP -> "a failing child of its TaskGroup";
            case SHIELD -> "Weft.shield";
        };
    }
}
