package dev.weft;

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
    static TaskDump dump(Loop loop, List<Task<?>> alive, Map<Task<?>, Throwable> spawnSites,
            boolean consistent) {
        Task<?> caller = Task.currentOrNull();
        Set<Task<?>> aliveSet = new HashSet<>(alive);   // tasks compare by identity
        var childrenOf = new HashMap<Task<?>, List<Task<?>>>();
        var roots = new ArrayList<Task<?>>();
        for (Task<?> task : alive) {
            Task<?> parent = task.parent;
            if (parent != null && aliveSet.contains(parent)) {
                childrenOf.computeIfAbsent(parent, unused -> new ArrayList<>()).add(task);
            } else {
                roots.add(task);
            }
        }
        var tree = new ArrayList<TaskDump.Node>();
        for (Task<?> root : roots) {
            tree.add(node(root, childrenOf, spawnSites, caller));
        }
        return new TaskDump(loop.name(), consistent, List.copyOf(tree));
    }

    private static TaskDump.Node node(Task<?> task, Map<Task<?>, List<Task<?>>> childrenOf,
            Map<Task<?>, Throwable> spawnSites, Task<?> caller) {
        var children = new ArrayList<TaskDump.Node>();
        for (Task<?> child : childrenOf.getOrDefault(task, List.of())) {
            children.add(node(child, childrenOf, spawnSites, caller));
        }
        Thread thread = task.thread;
        List<StackTraceElement> stack = thread == null ? List.of()
                : List.of(thread.getStackTrace());
        Throwable site = spawnSites.get(task);
        List<StackTraceElement> spawnedAt = site == null ? List.of()
                : List.copyOf(TaskLedger.callerFrames(site));
        return new TaskDump.Node(task.name(), task.status(), waitingFor(task, thread, caller),
                stack, spawnedAt, List.copyOf(children));
    }

    /** What the task is doing, in words. */
    static String waitingFor(Task<?> task, Thread thread, Task<?> caller) {
        if (thread == null) {
            return task.status() == Task.Status.PENDING ? "not started yet" : "finishing";
        }
        if (task == caller) {
            return "running (it took this dump)";
        }
        TaskWaitState waits = task.waitStateOrNull();
        Object blocker = waits == null ? null : waits.blockedOn();
        if (blocker != null) {
            return WaitGraph.describeWait(blocker).replaceFirst("^waits", "waiting");
        }
        if (task.isScheduled()) {
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
