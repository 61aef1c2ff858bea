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
