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

import dev.weft.internal.park.Alarm;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A callback, or an unpark of a waiting thread, scheduled on a loop at a deadline of the loop's
 * clock. The public {@code dev.weft.Timer} is a handle on one of these.
 *
 * <p><b>Thread safety:</b> {@link #cancel()} may be called from any thread.
 *
 * <p>Not part of Weft's API.
 */
public final class LoopTimer implements TimerEntry, Alarm {
    /* How it works: timers live in the loop's TimerHeap, which only the loop thread touches; the
     * heap index lets a cancel remove the timer at once (timeouts that end early are the common
     * case). A cancel from another thread marks the timer, so it can no longer fire, and posts
     * the removal to the loop. */

    private final LoopCore loop;
    private final long deadline;
    private final Object action;          // a Runnable to run, or a Thread to unpark
    private volatile boolean cancelled;   // any thread
    private boolean fired;                // loop thread only
    private int heapIndex = -1;           // loop thread only; see TimerHeap

    LoopTimer(LoopCore loop, long deadline, Runnable action) {
        this(loop, deadline, (Object) Objects.requireNonNull(action, "action"));
    }

    /** A timer that unparks {@code thread}: the cheapest way for a task to wait with a limit. */
    LoopTimer(LoopCore loop, long deadline, Thread thread) {
        this(loop, deadline, (Object) thread);
    }

    private LoopTimer(LoopCore loop, long deadline, Object action) {
        this.loop = loop;
        this.deadline = deadline;
        this.action = action;
    }

    /** Returns the deadline, in the loop clock's nanosecond scale. */
    public long deadline() {
        return deadline;
    }

    /** Returns whether {@link #cancel()} was called before the timer fired. */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Withdraws the timer if it has not fired yet; does nothing otherwise. Never blocks.
     *
     * @return whether this call stopped the timer from firing
     */
    public boolean cancel() {
        if (cancelled || fired) {
            return false;
        }
        cancelled = true;
        loop.timerCancelled(this);
        return true;
    }

    @Override
    public void withdraw() {
        cancel();
    }

    /** Runs the action on the loop thread, unless cancelled. */
    @Override
    public void fire() {
        if (!cancelled) {
            fired = true;
            if (action instanceof Thread thread) {
                LockSupport.unpark(thread);
            } else {
                ((Runnable) action).run();
            }
        }
    }

    @Override
    public boolean hasFired() {
        return fired;
    }

    @Override
    public int heapIndex() {
        return heapIndex;
    }

    @Override
    public void heapIndex(int index) {
        heapIndex = index;
    }

    @Override
    public String toString() {
        return "Timer[" + (fired ? "fired" : cancelled ? "cancelled" : "pending") + " at "
                + deadline + "ns on " + loop.name() + "]";
    }
}
