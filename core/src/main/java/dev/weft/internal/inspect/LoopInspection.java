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

import dev.weft.internal.loop.TaskCore;

import dev.weft.TaskDump;
import dev.weft.internal.loop.LoopCore;
import dev.weft.internal.loop.TaskLedger;

import dev.weft.internal.hook.SchedulerHook;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What dumps and the watchdog read of a loop: its alive tasks, the task mounted on its carrier,
 * and where tasks were spawned. Reading from outside the loop's thread is racy by design, and
 * each reader says how it copes.
 *
 * <p>Not part of Weft's API.
 */
public final class LoopInspection {
    private final LoopCore loop;
    private final TaskLedger ledger;
    private final SchedulerHook hook;
    private final Thread carrier;

    /** Creates the inspection of {@code loop}. */
    public LoopInspection(LoopCore loop) {
        this.loop = loop;
        this.ledger = loop.ledger();
        this.hook = loop.hook();
        this.carrier = loop.carrierThread();
    }

    /**
     * Takes a task dump: at once when {@code onLoop}; else on the loop's thread, waiting up to a
     * second, and without it (not consistent) if a task holds it that long.
     */
    public TaskDump dump(boolean onLoop) {
        if (onLoop) {
            return dumpHere(true);
        }
        var taken = new CompletableFuture<TaskDump>();
        loop.post(() -> taken.complete(dumpHere(true)));
        try {
            return taken.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException held) {
            return dumpHere(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // kept for the caller
            return dumpHere(false);
        } catch (ExecutionException e) {
            throw new IllegalStateException("dumping loop \"" + loop.name() + "\" failed",
                    e.getCause());
        }
    }

    private TaskDump dumpHere(boolean consistent) {
        List<TaskCore> alive;
        try {
            alive = ledger.alive();
        } catch (RuntimeException raced) {
            alive = List.of();   // only off the loop thread, if the list changed as we read it
        }
        return TaskDumper.dump(loop, alive, ledger.spawnSites(), consistent);
    }

    /**
     * Watchdog thread, while the loop is held in one step: the task mounted on the carrier, or
     * null when a callback holds it. Reads the loop's task list without its thread, which is
     * safe only because that thread is busy in the step; a wrong answer is caught by the
     * watchdog checking that the step did not end meanwhile.
     */
    TaskCore taskOnCarrier() {
        try {
            return ledger.findAlive(task -> {
                Thread thread = task.thread();
                return thread != null && hook.carrierOf(thread) == carrier;
            });
        } catch (RuntimeException raced) {
            return null;   // the list changed under us: the step has ended
        }
    }

    /** "; spawned at ..." for an alive task when spawn sites are recorded, else "". */
    String spawnSiteOf(TaskCore task) {
        return TaskLedger.spawnedAt(ledger.spawnSites().get(task));
    }

    /** The carrier thread's own stack, for a callback that holds the loop. */
    StackTraceElement[] carrierStack() {
        return carrier.getStackTrace();
    }
}
