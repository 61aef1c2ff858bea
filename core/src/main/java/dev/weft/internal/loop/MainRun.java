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

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loop's {@code run(main)}: asyncio's {@code run_until_complete}. Runs the main task, waits for
 * it from the calling thread, then cancels and awaits every task still alive and reports them.
 * One main at a time per loop.
 *
 * <p>Not part of Weft's API.
 */
final class MainRun {
    private final LoopCore loop;
    private final AtomicReference<Thread> running = new AtomicReference<>();   // inside run()
    private volatile TaskCore mainTask;                  // any thread: the main, while it runs

    MainRun(LoopCore loop) {
        this.loop = loop;
    }

    /** Any thread: the main task while {@link #run} runs, else null (for the stall check). */
    TaskCore mainTask() {
        return mainTask;
    }

    /** See {@link LoopCore#run}. */
    Object run(Callable<?> main) {
        Objects.requireNonNull(main, "main");
        if (loop.runsHere()) {
            throw new IllegalStateException("loop \"" + loop.name() + "\" cannot run inside its "
                    + "own thread: it would wait for itself; spawn the work and join the task "
                    + "instead");
        }
        LoopCore.refuseInTask("Loop.run");
        if (!running.compareAndSet(null, Thread.currentThread())) {
            throw new IllegalStateException("loop \"" + loop.name() + "\" is already running a "
                    + "main task for thread \"" + running.get().getName() + "\"; run one main "
                    + "at a time, or spawn the work on the loop instead");
        }
        try {
            TaskCore task = loop.startMain(main, this);
            try {
                task.join();
            } catch (CancellationException interrupted) {
                task.cancel();
                task.joinUncancellable();
                cancelLeftovers(task);
                throw interrupted;
            }
            cancelLeftovers(task);
            return task.resultNow();
        } finally {
            mainTask = null;
            running.set(null);
        }
    }

    /** Before the main task starts: the stall check must always see it. */
    void starting(TaskCore task) {
        mainTask = task;
    }

    private void cancelLeftovers(TaskCore main) {
        if (loop.isClosed()) {
            return;   // close() is cancelling and awaiting every task, and reports failures
        }
        TaskCore sweeper;
        try {
            sweeper = loop.spawn("run-cleanup", (Callable<List<TaskCore>>) () -> {
                loop.cancelNewTasks(true);   // tasks spawned but not started end as they start
                try {
                    return LeftoverSweep.run(loop.ledger(), main);
                } finally {
                    loop.cancelNewTasks(false);
                }
            }, null);
        } catch (RejectedExecutionException closedMeanwhile) {
            return;   // as above: close() began after the check
        }
        sweeper.joinUncancellable();
        @SuppressWarnings("unchecked")
        List<TaskCore> leftovers = (List<TaskCore>) sweeper.resultNow();
        if (!leftovers.isEmpty()) {
            loop.report("main task of loop \"" + loop.name() + "\" ended while "
                    + leftovers.size() + " other task(s) were still running; they were "
                    + "cancelled: " + leftovers, null);
        }
    }
}
