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

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link LoopCore#run} does once its main task has ended: cancel every other task of the loop,
 * including those not started yet, wait until they have all finished, and say which were
 * cancelled. Runs as a task of the loop.
 */
public final class LeftoverSweep {
    private LeftoverSweep() {}

    /** In a task of the ledger's loop: cancels and awaits all tasks but {@code main} and itself. */
    static List<TaskCore> run(TaskLedger ledger, TaskCore main) {
        TaskCore self = TaskCore.current();
        var cancelled = new ArrayList<TaskCore>();
        while (ledger.accepted() - ledger.finished() > 1) {
            List<TaskCore> others = new ArrayList<>(ledger.alive());
            others.remove(self);
            others.remove(main);
            for (TaskCore task : others) {
                if (task.cancel()) {
                    cancelled.add(task);
                }
            }
            for (TaskCore task : others) {
                task.joinUncancellable();
            }
            Thread.yield();   // lets tasks that were spawned but not started end
        }
        return cancelled;
    }
}
