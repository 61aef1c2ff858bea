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

package dev.weft.internal.events;

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
 *
 * <p>Not part of Weft's API.
 */
public final class WeftEvents {
    /* How it works: the first use of an event class costs about 200 ms (the JDK loads and
     * instruments its Flight Recorder classes), so nothing touches them until the recorder has
     * been initialised in this JVM, by a recording started from the command line, jcmd or code;
     * FlightRecorder.isInitialized() itself is a cheap check. */

    private WeftEvents() {}

    /**
     * Returns whether a recording may be running; callers check it before they build the names
     * an event needs, so that tasks pay nothing when no recording runs.
     */
    public static boolean recording() {
        return jdk.jfr.FlightRecorder.isInitialized();
    }

    /** Records that task {@code task} of loop {@code loop} started. */
    public static void taskStarted(String loop, String task) {
        var event = new TaskStart();
        if (event.isEnabled()) {
            event.loop = loop;
            event.task = task;
            event.commit();
        }
    }

    /** Records that task {@code task} of loop {@code loop} ended as {@code state}. */
    public static void taskEnded(String loop, String task, String state) {
        var event = new TaskEnd();
        if (event.isEnabled()) {
            event.loop = loop;
            event.task = task;
            event.status = state;
            event.commit();
        }
    }

    /** Records that {@code who} held the thread of loop {@code loop} in {@code call}. */
    public static void loopBlocked(String loop, String who, String call, long heldNanos) {
        if (!recording()) {
            return;
        }
        var event = new LoopBlocked();
        if (event.isEnabled()) {
            event.loop = loop;
            event.holder = who;
            event.call = call;
            event.held = heldNanos;
            event.commit();
        }
    }

    /** Records a deadlock report. */
    public static void deadlock(String report) {
        if (!recording()) {
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
