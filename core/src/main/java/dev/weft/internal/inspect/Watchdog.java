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
 * loop is created; it looks at each loop four times per threshold.
 *
 * <p>Not part of Weft's API.
 */
public final class Watchdog {
    private static final CopyOnWriteArrayList<LoopWatch> WATCHES = new CopyOnWriteArrayList<>();
    private static Thread thread;   // guarded by Watchdog.class

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

    /** The loop closes: reports the end of a hold in progress and stops watching it. */
    static void unwatch(LoopWatch watch) {
        WATCHES.remove(watch);
        watch.finish(System.nanoTime());
    }

    private static void run() {
        while (true) {
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
            } else {
                LockSupport.parkNanos(Math.max(period, 1_000_000));
            }
        }
    }
}
