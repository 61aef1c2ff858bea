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

package dev.weft.internal.park;

import java.util.concurrent.CancellationException;

/**
 * A plain thread (a platform thread, a JDK virtual thread, a loop's own thread) waiting on a
 * Weft primitive: it waits in real time, and an interrupt ends its wait. One per thread, so a
 * primitive can compare holders by identity.
 *
 * <p>Not part of Weft's API.
 */
public final class ThreadParty implements Party {
    private static final ThreadLocal<ThreadParty> OF_THREAD =
            ThreadLocal.withInitial(() -> new ThreadParty(Thread.currentThread()));

    private final Thread thread;
    private final Home home;
    private final WaitState waits = new WaitState();

    private ThreadParty(Thread thread) {
        this.thread = thread;
        this.home = thread instanceof LoopThread loopThread ? loopThread.home() : null;
    }

    /** Returns the party of {@code thread}, which must be the calling thread. */
    static ThreadParty of(Thread thread) {
        return OF_THREAD.get();
    }

    @Override
    public Thread thread() {
        return thread;
    }

    @Override
    public String describe() {
        return "thread \"" + thread.getName() + "\"";
    }

    @Override
    public Home home() {
        return home;
    }

    @Override
    public boolean isCancelling() {
        return thread.isInterrupted();
    }

    @Override
    public CancellationException cancellation(WaitTarget target) {
        return new CancellationException(describe() + " was interrupted"
                + (target == null ? "" : " while waiting on " + target));
    }

    @Override
    public boolean hasEnded() {
        return !thread.isAlive();
    }

    @Override
    public WaitState waits() {
        return waits;
    }

    @Override
    public Waiter blockedOn() {
        return waits.blockedOn();
    }

    @Override
    public boolean waitIsBounded() {
        return waits.blockedOn() != null && waits.timedWait();
    }

    @Override
    public String toString() {
        return describe();
    }
}
