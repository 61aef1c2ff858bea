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

package dev.weft.internal.inspect;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The one platform thread that watches every loop with a watchdog, started when the first such
 * loop is created; it looks at each loop four times per threshold while any of them runs, and
 * parks without a timeout while every one of them idles, so that idle loops cost no wakeups. A
 * loop that leaves its idle wait wakes it ({@link #loopBusy()}).
 *
 * <p>Not part of Weft's API.
 */
public final class Watchdog {
    private static final CopyOnWriteArrayList<LoopWatch> WATCHES = new CopyOnWriteArrayList<>();
    private static Thread thread;   // guarded by Watchdog.class
    /* The idle park is a Dekker pair: the watchdog writes parkedIdle and then reads each loop's
     * busy flag; a loop writes its flag and then reads parkedIdle, all volatile, so at least one
     * side sees the other's write and no wakeup is lost. */
    private static volatile boolean parkedIdle;
    private static volatile Thread parked;
    private static final java.util.concurrent.atomic.AtomicLong LOOKS =
            new java.util.concurrent.atomic.AtomicLong();

    private Watchdog() {}

    public static void watch(LoopWatch watch) {
        WATCHES.add(watch);
        synchronized (Watchdog.class) {
            if (thread == null) {
                thread = Thread.ofPlatform().name("weft-watchdog").daemon(true)
                        .start(Watchdog::run);
            } else {
                LockSupport.unpark(thread);   // a shorter threshold may need a shorter period
            }
        }
    }

    /**
     * Whether every watched loop idles, having announced the park first: a loop that turns busy
     * after this reads {@code parkedIdle} and wakes the watchdog.
     */
    private static boolean allIdle() {
        parkedIdle = true;
        for (LoopWatch watch : WATCHES) {
            if (watch.isBusy()) {
                parkedIdle = false;
                return false;
            }
        }
        return true;
    }

    /** The loop closes: reports the end of a hold in progress and stops watching it. */
    static void unwatch(LoopWatch watch) {
        WATCHES.remove(watch);
        watch.finish(System.nanoTime());
    }

    /** A loop left its idle wait: wakes the watchdog if it parked because all loops idled. */
    static void loopBusy() {
        if (parkedIdle) {
            Thread sleeper = parked;
            if (sleeper != null) {
                LockSupport.unpark(sleeper);
            }
        }
    }

    /** How many times the watchdog has looked at its loops, for tests of its idle park. */
    public static long looks() {
        return LOOKS.get();
    }

    private static void run() {
        parked = Thread.currentThread();
        while (true) {
            LOOKS.incrementAndGet();
            long period = Long.MAX_VALUE;
            long now = System.nanoTime();
            for (LoopWatch watch : WATCHES) {
                try {
                    watch.check(now);
                } catch (Throwable e) {
                    // A watchdog that dies watches nothing: log and go on.
                    System.getLogger("dev.weft").log(System.Logger.Level.ERROR,
                            "the Weft watchdog failed to look at a loop", e);
                }
                period = Math.min(period, watch.thresholdNanos() / 4);
            }
            if (period == Long.MAX_VALUE) {
                LockSupport.park();   // no loop to watch until one registers
            } else if (allIdle()) {
                LockSupport.park();   // until a loop leaves its idle wait or one registers
                parkedIdle = false;
                for (LoopWatch watch : WATCHES) {
                    watch.rebase();   // a look from before the park is no measure of a hold
                }
            } else {
                LockSupport.parkNanos(Math.max(period, 1_000_000));
            }
        }
    }
}
