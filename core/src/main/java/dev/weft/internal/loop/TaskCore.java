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

import dev.weft.Action;
import dev.weft.internal.events.WeftEvents;
import dev.weft.internal.future.Completion;
import dev.weft.internal.hook.SchedulerHook;
import dev.weft.internal.park.Alarm;
import dev.weft.internal.park.Home;
import dev.weft.internal.park.Party;
import dev.weft.internal.park.TaskParty;
import dev.weft.internal.park.WaitPoint;
import dev.weft.internal.park.WaitState;
import dev.weft.internal.park.WaitTarget;
import dev.weft.internal.park.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * A task as the loop runs it: its virtual thread, its outcome, its cancellation and cancel
 * scopes, what it waits on, and its place in the loop's ledger and timer heap. The public
 * {@code dev.weft.Task} is a handle on one of these.
 *
 * <p>Not part of Weft's API.
 */
public abstract class TaskCore extends Completion
        implements TaskParty, TimerEntry, Alarm, Runnable, Executor,
        Thread.UncaughtExceptionHandler {
    /* How it works: a spawned task is queued on its loop as itself; when the loop reaches it, the
     * loop creates the task's virtual thread and runs it at once (LoopCore.startOnCarrier), so a
     * task waiting its turn costs a small object, not a thread. The task is also the body of its
     * virtual thread, where it runs the user's code, and that thread's scheduler, which is how
     * Party.current() finds the task (user code may replace the thread's uncaught-exception
     * handler, but not its scheduler). The task's cancel scopes form a chain from `scope`,
     * touched only by the task's own thread and by the loop thread while the task is parked (one
     * carrier, so never at the same time). A sleeping task is its own timer-heap entry. */

    private static final VarHandle CANCEL_REQUESTED;
    private static final VarHandle BODY;

    static {
        try {
            var lookup = MethodHandles.lookup();
            CANCEL_REQUESTED = lookup.findVarHandle(TaskCore.class, "cancelRequested",
                    boolean.class);
            BODY = lookup.findVarHandle(TaskCore.class, "body", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LoopCore loop;
    private final TaskCore parent;
    private Thread thread;                       // set by the loop thread at start; null before
                                                 // start and after finish
    private final int id;   // for names; an int keeps the task small, and wraps after 2^32
    private final String name;                   // null: derived from id on demand
    // Before the task runs: its Callable or Action. Once it runs: its WaitState, created at its
    // first wait, or null. One field for both keeps a task small. Written by the task's own
    // thread (release), read by any thread (acquire) through BODY.
    private Object body;
    private volatile boolean cancelRequested;    // any thread; CAS
    private boolean detached;                    // set before start; nobody holds the task
    CancelScope scope;                           // innermost scope; see "How it works"
    TaskCore previousAlive;                      // loop thread only; see TaskLedger
    TaskCore nextAlive;                          // loop thread only; see TaskLedger
    private int heapIndex = -1;                  // loop thread only; see TimerHeap

    /**
     * Creates a task of {@code loop} whose body is a {@link Callable}, or an {@link Action} for a
     * task without a value; {@link LoopCore#admit()} gives its id.
     */
    protected TaskCore(LoopCore loop, long id, String name, Object body, TaskCore parent) {
        this.loop = loop;
        this.id = (int) id;
        this.name = name;
        this.body = body;
        this.parent = parent;
    }

    /** Returns the task running the calling code, or null if the caller is not a task. */
    public static TaskCore current() {
        // As Party.currentTask(), with a class test rather than an interface test: this is on
        // the path of every spawn and every Task.current().
        Thread thread = Thread.currentThread();
        return thread.isVirtual() && SchedulerHook.schedulerOf(thread) instanceof TaskCore task
                && task.thread == thread ? task : null;
    }

    /** Returns the name given at spawn, or {@code task-<id>}. */
    public final String name() {
        return name != null ? name : "task-" + Integer.toUnsignedString(id);
    }

    /** Returns the loop that runs this task. */
    public final LoopCore loop() {
        return loop;
    }

    /** Returns the task that spawned this one, or its task group's owner, or null. */
    public final TaskCore parent() {
        return parent;
    }

    /** Returns whether someone asked to cancel this task, whether or not it has finished. */
    public final boolean isCancelRequested() {
        return cancelRequested;
    }

    /**
     * Asks the task to stop; see {@code Task.cancel()}. Never blocks.
     *
     * @return false if the task had already finished
     */
    public final boolean cancel() {
        if (isDone()) {
            return false;
        }
        if (CANCEL_REQUESTED.compareAndSet(this, false, true)) {
            loop.runOnLoop(this::deliverCancel);
        }
        return true;
    }

    /** Queues the task on its loop, which creates and runs its thread when it gets to it. */
    public final void start() {
        loop.post(this);
    }

    /** Before start: nobody will hold this task, so its failure is reported when it happens. */
    public final void detach() {
        detached = true;
    }

    /** Returns whether nobody holds the task; see {@link #detach()}. */
    public final boolean isDetached() {
        return detached;
    }

    @Override
    public String toString() {
        return "Task[" + name() + " " + phase() + "]";
    }

    // ---- as a party of the park ----------------------------------------------------------------

    @Override
    public final Thread thread() {
        return thread;
    }

    @Override
    public final String describe() {
        return "task \"" + name() + "\"";
    }

    @Override
    public final Home home() {
        return loop;
    }

    /** Returns whether a cancellation applies to the task now: the task's or a scope's. */
    @Override
    public final boolean isCancelling() {
        return CancelScope.cancellationPending(scope, cancelRequested);
    }

    @Override
    public final CancellationException cancellation(WaitTarget target) {
        CancelScope expired = CancelScope.firstCancelled(scope);
        return new CancellationException(expired != null
                ? describe() + " was cancelled by " + expired
                : describe() + " was cancelled");
    }

    @Override
    public final boolean hasEnded() {
        return isDone();
    }

    /** Own thread, once running: what the task waits on and holds, created on first use. */
    @Override
    public final WaitState waits() {
        if (body instanceof WaitState state) {
            return state;
        }
        var state = new WaitState();
        BODY.setRelease(this, state);
        return state;
    }

    /** Any thread: the task's wait state, or null if it has none (yet). */
    public final WaitState waitsOrNull() {
        return BODY.getAcquire(this) instanceof WaitState state ? state : null;
    }

    @Override
    public final Waiter blockedOn() {
        WaitState state = waitsOrNull();
        return state == null ? null : state.blockedOn();
    }

    @Override
    public final boolean waitIsBounded() {
        WaitState state = waitsOrNull();
        return state != null && state.timedWait() || cancelRequested
                || CancelScope.hasDeadline(scope) || CancelScope.firstCancelled(scope) != null;
    }

    /**
     * Own thread, after a park: an interrupt that Weft did not send (someone called
     * {@code interrupt()} on the task's thread) becomes a cancel of the task, so that a wait ends
     * instead of spinning on the interrupt; inside a shield the cancel waits for the shield.
     */
    @Override
    public final void absorbInterrupt() {
        if (Thread.currentThread().isInterrupted() && !isCancelling()) {
            Thread.interrupted();
            cancel();   // delivered at once: interrupts again unless a shield holds it back
        }
    }

    @Override
    public final Alarm sleepFor(long nanos) {
        loop.sleepFor(this, nanos);
        return this;
    }

    // ---- as its own sleep's timer entry and alarm ----------------------------------------------

    @Override
    public final int heapIndex() {
        return heapIndex;
    }

    @Override
    public final void heapIndex(int index) {
        heapIndex = index;
    }

    /** Loop thread: the task's sleep deadline has come. */
    @Override
    public final void fire() {
        Thread sleeper = thread;
        if (sleeper != null) {
            LockSupport.unpark(sleeper);
        }
    }

    @Override
    public final boolean hasFired() {
        return heapIndex < 0;
    }

    /** Returns whether the task sleeps in its loop's timer heap; loop thread, or racy. */
    public final boolean isSleeping() {
        return heapIndex >= 0;
    }

    @Override
    public final void withdraw() {
        loop.sleepEnded(this);
    }

    // ---- as a future ---------------------------------------------------------------------------

    @Override
    public final Party holder() {
        return isDone() ? null : this;   // only the task's end ends a join of it
    }

    @Override
    public final boolean confinedTo(Home home) {
        return home == loop;
    }

    @Override
    protected final void report(String message, Throwable failure) {
        loop.report(message, failure);
    }

    @Override
    protected final Home callbackHome() {
        return loop;
    }

    @Override
    protected final void failureObserved() {
        loop.ledger().observed(this);
    }

    @Override
    protected final void checkJoinable(Party joiner) {
        if (joiner == this) {
            throw new IllegalStateException(describe() + " cannot join itself: it would wait "
                    + "forever");
        }
    }

    @Override
    protected final void completed() {
        WaitState waits = waitsOrNull();
        if (waits != null && !waits.held.isEmpty()) {
            // After the phase: the locks' waiters must see this task ended.
            waits.held.locks().forEach(WaitPoint::holderEnded);
        }
        loop.ledger().finished(this);
        if (WeftEvents.recording()) {
            WeftEvents.taskEnded(loop.name(), name(), phase().name());
        }
    }

    // ---- its life on the loop ------------------------------------------------------------------

    /** Runs on the loop thread: interrupts the task unless a shield protects it. */
    private void deliverCancel() {
        if (isDone()) {
            return;
        }
        if (phase() == Phase.PENDING) {
            loop.startDelayed(this);   // a delayed task that never started ends CANCELLED now
        }
        for (Runnable cancelGroup : loop.ledger().openGroups(this)) {
            cancelGroup.run();
        }
        if (thread != null && !CancelScope.isShielded(scope)) {
            thread.interrupt();
        }
    }

    /** Loop thread: gives the task the thread {@link LoopCore#startOnCarrier} made for it. */
    final void attach(Thread started) {
        thread = started;
    }

    /** The name the task's thread gets, or null to leave it unnamed. */
    final String threadName() {
        return name;
    }

    /** Loop thread: ends a task that was cancelled before it got a thread. */
    final void finishUnstarted() {
        cancelRequested = true;
        body = null;
        finish(Phase.CANCELLED, new CancellationException(describe()
                + " was cancelled before it started"));
    }

    private void failed(Throwable failure) {
        if (failure instanceof CancellationException
                || (cancelRequested && Cancellation.isSignal(failure))) {
            finish(Phase.CANCELLED, failure instanceof CancellationException
                    ? failure : cancellationFrom(failure));
        } else {
            finish(Phase.FAILED, failure);
        }
    }

    private CancellationException cancellationFrom(Throwable cause) {
        var cancellation = new CancellationException(describe() + " was cancelled");
        cancellation.initCause(cause);
        return cancellation;
    }

    private void finish(Phase end, Object result) {
        WaitState waits = waitsOrNull();
        if (waits != null && !waits.held.isEmpty()) {
            reportHeldLocks(waits.held.locks());
        }
        completeAlone(end, result);
        // Only now: listeners served above run on this thread and must still find their task.
        // Then the finished thread can be collected while the task is referenced.
        thread = null;
    }

    /** Own thread, ending: the locks it still holds stay held, as the Lock contract says. */
    private void reportHeldLocks(List<WaitPoint> locks) {
        for (WaitPoint lock : locks) {
            loop.report(describe() + " ended while holding " + lock
                    + "; it stays held, and tasks waiting for it will get a DeadlockException"
                    + (lock.heldSite() == null ? " (run with -Dweft.debug=true to record where "
                    + "locks are acquired)" : "; it was acquired where the trace shows"),
                    lock.heldSite());
        }
    }

    /**
     * On the loop thread before start: starts the task. In the task's thread: runs the body and
     * records the outcome. All in this one method on purpose: every frame between the thread's
     * start and the body stays in the stack of each parked task, so fewer frames mean less
     * memory per waiting task.
     */
    @Override
    public final void run() {
        if (thread == null) {
            loop.startOnCarrier(this);
            return;
        }
        markRunning();
        Object work = body;
        body = null;
        Object value;
        try {
            if (work instanceof Callable<?> callable) {
                value = callable.call();
            } else {
                ((Action) work).run();
                value = null;
            }
        } catch (Throwable failure) {
            failed(failure);
            return;
        }
        finish(Phase.DONE, value);
    }

    /** Schedules a continuation of the task's thread, or of a thread it created. */
    @Override
    public final void execute(Runnable continuation) {
        loop.post(continuation);
    }

    @Override
    public final void uncaughtException(Thread failed, Throwable failure) {
        loop.report("the thread of " + this + " ended with an uncaught exception", failure);
    }
}
