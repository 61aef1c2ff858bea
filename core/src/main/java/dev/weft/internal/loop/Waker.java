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

import java.util.concurrent.locks.LockSupport;

/**
 * Puts a loop's carrier to sleep when it has nothing to do and wakes it from other threads.
 *
 * <p>The carrier announces that it is about to sleep with {@link #prepareToSleep()}, checks its
 * inbound queue once more, then {@link #sleep sleeps}; a producer adds to that queue first and
 * then calls {@link #wake()}, which signals only a carrier that announced sleep. Both sides use
 * volatile accesses in that order, so no wake-up is lost and a busy carrier is never signalled.
 */
final class Waker {
    private final Thread carrier;
    private final IoPoller poller;
    private volatile boolean sleeping;   // written by the carrier, read by any thread
    private final java.util.concurrent.atomic.AtomicLong wakeUps =
            new java.util.concurrent.atomic.AtomicLong();   // any thread

    Waker(Thread carrier, IoPoller poller) {
        this.carrier = carrier;
        this.poller = poller;
    }

    /** Carrier only: announces sleep; the caller must re-check its queue afterwards. */
    void prepareToSleep() {
        sleeping = true;
    }

    /** Carrier only: withdraws an announced sleep because work arrived. */
    void cancelSleep() {
        sleeping = false;
    }

    /**
     * Carrier only: sleeps until woken or until {@code nanos} pass; a negative value means no
     * time limit. May return early.
     */
    void sleep(long nanos) {
        if (poller.selectorOrNull() != null) {
            poller.select(nanos);   // the loop owns sockets: its idle wait is the selector's
            sleeping = false;
            return;
        }
        if (nanos < 0) {
            LockSupport.park(this);
        } else if (nanos > 0) {
            LockSupport.parkNanos(this, nanos);
        }
        // An idle carrier has no one to hand an interrupt to (the JDK clears a carrier's status
        // when a task unmounts); a stray one would make every later park return at once and
        // the idle loop spin, so it is dropped here.
        Thread.interrupted();
        sleeping = false;
    }

    /** Any thread: wakes the carrier if it is asleep or about to sleep. */
    void wake() {
        if (sleeping) {
            sleeping = false;
            wakeUps.incrementAndGet();   // the rare path: a sleeping carrier is signalled
            java.nio.channels.Selector selector = poller.selectorOrNull();
            if (selector != null) {
                selector.wakeup();
            }
            LockSupport.unpark(carrier);   // also when the selector is new: harmless otherwise
        }
    }

    /** Returns how many times another thread has woken the carrier. */
    long wakeUps() {
        return wakeUps.get();
    }
}
