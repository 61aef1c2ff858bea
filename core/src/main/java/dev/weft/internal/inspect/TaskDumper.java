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

import dev.weft.internal.future.Completion.Phase;
import dev.weft.internal.park.WaitState;
import dev.weft.internal.park.Waiter;

import dev.weft.internal.loop.TaskLedger;
import dev.weft.internal.park.WaitGraph;

import dev.weft.TaskDump;
import dev.weft.internal.loop.LoopCore;
import dev.weft.internal.loop.TaskCore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a {@link TaskDump} from a loop's alive tasks. */
final class TaskDumper {
    private TaskDumper() {}

    /**
     * Builds the dump; {@code consistent} says whether this runs on the loop's thread, where the
     * tasks hold still.
     */
    static TaskDump dump(LoopCore loop, List<TaskCore> alive, Map<TaskCore, Throwable> spawnSites,
            boolean consistent) {
        TaskCore caller = TaskCore.current();
        Set<TaskCore> aliveSet = new HashSet<>(alive);   // tasks compare by identity
        var childrenOf = new HashMap<TaskCore, List<TaskCore>>();
        var roots = new ArrayList<TaskCore>();
        for (TaskCore task : alive) {
            TaskCore parent = task.parent();
            if (parent != null && aliveSet.contains(parent)) {
                childrenOf.computeIfAbsent(parent, unused -> new ArrayList<>()).add(task);
            } else {
                roots.add(task);
            }
        }
        var tree = new ArrayList<TaskDump.Node>();
        for (TaskCore root : roots) {
            tree.add(node(root, childrenOf, spawnSites, caller));
        }
        return new TaskDump(loop.name(), consistent, List.copyOf(tree));
    }

    private static TaskDump.Node node(TaskCore task, Map<TaskCore, List<TaskCore>> childrenOf,
            Map<TaskCore, Throwable> spawnSites, TaskCore caller) {
        var children = new ArrayList<TaskDump.Node>();
        for (TaskCore child : childrenOf.getOrDefault(task, List.of())) {
            children.add(node(child, childrenOf, spawnSites, caller));
        }
        Thread thread = task.thread();
        List<StackTraceElement> stack = thread == null ? List.of()
                : List.of(thread.getStackTrace());
        Throwable site = spawnSites.get(task);
        List<StackTraceElement> spawnedAt = site == null ? List.of()
                : List.copyOf(TaskLedger.callerFrames(site));
        TaskDump.State state = task.phase() == Phase.PENDING ? TaskDump.State.PENDING
                : TaskDump.State.RUNNING;
        return new TaskDump.Node(task.name(), state, waitingFor(task, thread, caller),
                stack, spawnedAt, List.copyOf(children));
    }

    /** What the task is doing, in words. */
    static String waitingFor(TaskCore task, Thread thread, TaskCore caller) {
        if (thread == null) {
            return task.phase() == Phase.PENDING ? "not started yet" : "finishing";
        }
        if (task == caller) {
            return "running (it took this dump)";
        }
        WaitState waits = task.waitsOrNull();
        Waiter blocker = waits == null ? null : waits.blockedOn();
        if (blocker != null) {
            return WaitGraph.describeWait(blocker).replaceFirst("^waits", "waiting");
        }
        if (task.isSleeping()) {
            return "sleeping (Weft.sleep)";
        }
        return switch (thread.getState()) {
            case RUNNABLE -> "ready to run, or running";
            case WAITING, TIMED_WAITING, BLOCKED ->
                    "waiting outside Weft: a socket, Thread.sleep or a JDK lock (see its stack)";
            default -> thread.getState().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
