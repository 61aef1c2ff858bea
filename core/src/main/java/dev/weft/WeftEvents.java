package dev.weft;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * Weft's JDK Flight Recorder events, so that JDK Mission Control shows tasks, blocked loops and
 * deadlocks next to the JVM's own events: {@code dev.weft.TaskStart}, {@code dev.weft.TaskEnd},
 * {@code dev.weft.LoopBlocked} and {@code dev.weft.Deadlock}. When no recording is running an
 * event costs one check.
 */
final class WeftEvents {
    private WeftEvents() {}

    static void taskStarted(Task<?> task) {
        var event = new TaskStart();
        if (event.isEnabled()) {
            event.loop = task.loop.name();
            event.task = task.name();
            event.commit();
        }
    }

    static void taskEnded(Task<?> task) {
        var event = new TaskEnd();
        if (event.isEnabled()) {
            event.loop = task.loop.name();
            event.task = task.name();
            event.status = task.status().name();
            event.commit();
        }
    }

    static void loopBlocked(Loop loop, String who, String call, long heldNanos) {
        var event = new LoopBlocked();
        if (event.isEnabled()) {
            event.loop = loop.name();
            event.holder = who;
            event.call = call;
            event.held = heldNanos;
            event.commit();
        }
    }

    static void deadlock(String report) {
        var event = new Deadlock();
        if (event.isEnabled()) {
            event.report = report;
            event.commit();
        }
    }

    @Name("dev.weft.TaskStart")
    @Label("Task Start")
    @Category("Weft")
    @Description("A Weft task starts running on its loop")
    static final class TaskStart extends Event {
        @Label("Loop")
        String loop;
        @Label("Task")
        String task;
    }

    @Name("dev.weft.TaskEnd")
    @Label("Task End")
    @Category("Weft")
    @Description("A Weft task has its outcome")
    static final class TaskEnd extends Event {
        @Label("Loop")
        String loop;
        @Label("Task")
        String task;
        @Label("Status")
        String status;
    }

    @Name("dev.weft.LoopBlocked")
    @Label("Loop Blocked")
    @Category("Weft")
    @Description("A task or callback held its loop longer than the watchdog allows")
    static final class LoopBlocked extends Event {
        @Label("Loop")
        String loop;
        @Label("Holder")
        String holder;
        @Label("Blocking Call")
        String call;
        @Label("Held So Far")
        @Timespan(Timespan.NANOSECONDS)
        long held;
    }

    @Name("dev.weft.Deadlock")
    @Label("Deadlock")
    @Category("Weft")
    @Description("Weft found a wait that could never end and failed it")
    static final class Deadlock extends Event {
        @Label("Report")
        String report;
    }
}
