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

package dev.weft.bench;

import dev.weft.Task;
import dev.weft.Weft;
import java.time.Duration;
import java.util.Arrays;

/**
 * A task that sleeps 1 ms at a time on the current loop and records how late each wake-up is:
 * how a workload shows whether it ever held the loop's thread.
 */
final class LatenessTicker {
    private final long[] lateness = new long[1_000_000];
    private int ticks;              // loop thread only
    private boolean done;           // loop thread only
    private final Task<Void> task;

    private LatenessTicker() {
        this.task = Weft.spawn("ticker", () -> {
            while (!done && ticks < lateness.length) {
                long due = System.nanoTime() + 1_000_000;
                Weft.sleep(Duration.ofMillis(1));
                lateness[ticks++] = Math.max(0, System.nanoTime() - due);
            }
        });
    }

    /** Starts a ticker on the calling task's loop. */
    static LatenessTicker start() {
        return new LatenessTicker();
    }

    /** Stops the ticker and returns the 99th percentile of its lateness, in nanoseconds. */
    long stopAndP99() {
        done = true;
        task.join();
        long[] measured = Arrays.copyOf(lateness, ticks);
        Arrays.sort(measured);
        return measured.length == 0 ? 0
                : measured[Math.min(measured.length - 1, (int) (measured.length * 0.99))];
    }

    /** How many wake-ups were measured. */
    int ticks() {
        return ticks;
    }
}
