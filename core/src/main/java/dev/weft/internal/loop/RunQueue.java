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

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The loop's queue of runnable work: continuations of its tasks and callbacks.
 *
 * <p>Work submitted from the loop's own thread (the carrier, or a task mounted on it) goes to a
 * plain deque with no atomics and no wake-up; work from any other thread goes to a lock-free
 * queue, followed by a {@link Waker#wake() wake-up} if the carrier sleeps.
 */
final class RunQueue {
    private final ArrayDeque<Runnable> local = new ArrayDeque<>(1024);        // loop thread only
    private final ConcurrentLinkedQueue<Runnable> inbound = new ConcurrentLinkedQueue<>();
    private final Waker waker;
    private final java.util.concurrent.atomic.AtomicLong remoteAdds =
            new java.util.concurrent.atomic.AtomicLong();   // any thread

    RunQueue(Waker waker) {
        this.waker = waker;
    }

    /** Loop thread only. */
    void addLocal(Runnable work) {
        local.addLast(work);
    }

    /** Any thread. */
    void addRemote(Runnable work) {
        remoteAdds.incrementAndGet();
        inbound.add(work);
        waker.wake();
    }

    /** Returns how much work other threads have handed in. */
    long remoteAdds() {
        return remoteAdds.get();
    }

    /** Loop thread only: moves remote work behind the local work, in arrival order. */
    void drainInbound() {
        Runnable work;
        while ((work = inbound.poll()) != null) {
            local.addLast(work);
        }
    }

    /** Any thread: removes one piece of remote work, or returns null; used after close. */
    Runnable pollInbound() {
        return inbound.poll();
    }

    /** Loop thread only. */
    Runnable pollLocal() {
        return local.pollFirst();
    }

    /** Any thread: about how much work waits, local and remote; racy by design, for metrics. */
    int approximateLength() {
        try {
            return local.size() + inbound.size();
        } catch (RuntimeException raced) {
            return inbound.size();   // the deque was being changed by the loop thread
        }
    }

    /** Loop thread only. */
    int localSize() {
        return local.size();
    }

    /** Loop thread only: whether any work, local or remote, is waiting. */
    boolean isEmpty() {
        return local.isEmpty() && inbound.isEmpty();
    }

    /**
     * Loop thread only: sleeps until remote work arrives or {@code nanos} pass (negative: no
     * limit), unless work is already waiting.
     */
    void awaitWork(long nanos) {
        waker.prepareToSleep();
        if (!inbound.isEmpty() || !local.isEmpty()) {
            waker.cancelSleep();
            return;
        }
        waker.sleep(nanos);
    }
}
