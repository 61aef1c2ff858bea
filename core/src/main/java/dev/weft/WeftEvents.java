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
    /* How it works: the first use of an event class costs about 200 ms (the JDK loads and
     * instruments its Flight Recorder classes), so nothing touches them until the recorder has
     * been initialised in this JVM, by a recording started from the command line, jcmd or code;
     * FlightRecorder.isInitialized() itself is a cheap check. */

    private WeftEvents() {}

    private static boolean recorderUp() {
        return jdk.jfr.FlightRecorder.isInitialized();
    }

    static void taskStarted(Task<?> task) {
        if (!recorderUp()) {
            return;
        }
        var event = new TaskStart();
        if (event.isEnabled()) {
            event.loop = task.loop.name();
            event.task = task.name();
            event.commit();
        }
    }

    static void taskEnded(Task<?> task) {
        if (!recorderUp()) {
            return;
        }
        var event = new TaskEnd();
        if (event.isEnabled()) {
            event.loop = task.loop.name();
            event.task = task.name();
            event.status = task.status().name();
            event.commit();
        }
    }

    static void loopBlocked(Loop loop, String who, String call, long heldNanos) {
        if (!recorderUp()) {
            return;
        }
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
        if (!recorderUp()) {
            return;
        }
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
