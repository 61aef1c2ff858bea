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

import dev.weft.BlockingSite;
import dev.weft.internal.events.WeftEvents;
import dev.weft.internal.loop.TaskCore;

import dev.weft.internal.loop.LoopCore;
import dev.weft.internal.loop.TurnWatch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One loop as its watchdog sees it: the loop counts the pieces of work it runs and says when it
 * is busy; the {@link Watchdog} thread notices when the count stands still while the loop is
 * busy, reports the task holding it once the threshold has passed, and sums up where.
 *
 * <p>Not part of Weft's API.
 */
public final class LoopWatch implements TurnWatch {
    /* How it works: the loop thread writes `steps` and `busy` with opaque stores (no fences: a
     * few nanoseconds per step); the watchdog reads them a few times per threshold. A hold is
     * measured from the first look that found the count unchanged, so reported durations are
     * short by up to one look's period. The rest is touched under this object's lock: by the
     * watchdog, and once by the loop as it closes; `sites` has a lock of its own for readers. */

    private static final VarHandle STEPS;
    private static final VarHandle BUSY;

    static {
        try {
            var lookup = MethodHandles.lookup();
            STEPS = lookup.findVarHandle(LoopWatch.class, "steps", long.class);
            BUSY = lookup.findVarHandle(LoopWatch.class, "busy", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LoopCore loop;
    private final LoopInspection inspection;
    private final long thresholdNanos;
    private long steps;                 // written by the loop thread, opaque
    private boolean busy = true;        // written by the loop thread, opaque; a new loop runs
    private long seenSteps = -1;        // guarded by this
    private long since;                 // guarded by this
    private Hold hold;                  // guarded by this: the hold being reported
    private final Map<List<String>, long[]> sites = new HashMap<>();   // guarded by sites

    /** A hold past the threshold: who, where, and since when. */
    private record Hold(String who, String site, String call, long since) {}

    /** Creates the watch of {@code loop}, which reports holds longer than {@code threshold}. */
    public LoopWatch(LoopCore loop, LoopInspection inspection, Duration threshold) {
        this.loop = loop;
        this.inspection = inspection;
        this.thresholdNanos = threshold.toNanos();
    }

    long thresholdNanos() {
        return thresholdNanos;
    }

    @Override
    public void stepped() {
        STEPS.setOpaque(this, steps + 1);
    }

    @Override
    public void busy(boolean running) {
        if (running) {
            // Volatile, then the watchdog's flag: its half of the Dekker pair in Watchdog.
            BUSY.setVolatile(this, true);
            Watchdog.loopBusy();
        } else {
            BUSY.setOpaque(this, false);
        }
    }

    /**
     * Watchdog thread, back from a park while every loop idled: the next look starts a new
     * measure, since the time of the last one says nothing of how long the loop has held.
     */
    synchronized void rebase() {
        seenSteps = -1;
    }

    /** Watchdog thread: whether the loop is running rather than in its idle wait. */
    boolean isBusy() {
        return (boolean) BUSY.getVolatile(this);
    }

    @Override
    public void stopped() {
        busy(false);
        Watchdog.unwatch(this);
    }

    /** Watchdog thread: one look at the loop. */
    synchronized void check(long now) {
        long current = (long) STEPS.getOpaque(this);
        boolean running = (boolean) BUSY.getOpaque(this);
        if (current != seenSteps || !running) {
            if (hold != null) {
                released(now);
            }
            seenSteps = current;
            since = now;
            return;
        }
        if (hold == null && now - since >= thresholdNanos) {
            report(now);
        }
    }

    /** Loop thread, closing: a hold still being reported has ended. */
    synchronized void finish(long now) {
        if (hold != null) {
            released(now);
        }
    }

    private void report(long now) {
        TaskCore task = inspection.taskOnCarrier();
        Thread thread = task == null ? null : task.thread();
        StackTraceElement[] stack = thread != null ? thread.getStackTrace()
                : inspection.carrierStack();
        if ((long) STEPS.getOpaque(this) != seenSteps) {
            return;   // it let go while we looked
        }
        String who = task != null ? "task \"" + task.name() + "\"" : "a callback";
        String kind = BlockingCall.describe(stack);
        String top = stack.length > 0 ? stack[0].toString() : "?";
        hold = new Hold(who, siteOf(stack), kind == null ? top : kind + " at " + top, since);
        var where = new Throwable(who + " is here");
        where.setStackTrace(stack);
        long millis = (now - since) / 1_000_000;
        loop.report(who + " has held loop \"" + loop.name() + "\" for " + millis + " ms "
                + "without letting other tasks run (watchdog threshold "
                + thresholdNanos / 1_000_000 + " ms); the trace shows where it is. "
                + (kind != null ? "It is " + kind : "Blocking calls such as file I/O and DNS "
                + "belong in dev.weft.exec.Offload")
                + (task == null ? "" : inspection.spawnSiteOf(task)), where);
        WeftEvents.loopBlocked(loop.name(), hold.who(), hold.call(), now - since);
    }

    private void released(long now) {
        long heldNanos = now - hold.since();
        loop.report(hold.who() + " released loop \"" + loop.name() + "\" after "
                + heldNanos / 1_000_000 + " ms, held at " + hold.call(), null);
        synchronized (sites) {
            long[] figures = sites.computeIfAbsent(List.of(hold.site(), hold.call()),
                    key -> new long[3]);
            figures[0]++;
            figures[1] += heldNanos;
            figures[2] = Math.max(figures[2], heldNanos);
        }
        hold = null;
    }

    /** Any thread: where the loop was held, longest in all first. */
    public List<BlockingSite> sites() {
        var report = new ArrayList<BlockingSite>();
        synchronized (sites) {
            sites.forEach((key, figures) -> report.add(new BlockingSite(key.get(0), key.get(1),
                    figures[0], Duration.ofNanos(figures[1]), Duration.ofNanos(figures[2]))));
        }
        report.sort(Comparator.comparing(BlockingSite::total).reversed());
        return report;
    }

    /**
     * The first frame, from the top, that is not the JDK's: the application's call into the
     * blocking JDK code (Weft's own code does not block a carrier).
     */
    private static String siteOf(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")
                    && !type.startsWith("com.sun.")) {
                return frame.toString();
            }
        }
        return stack.length > 0 ? stack[0].toString() : "?";
    }
}
