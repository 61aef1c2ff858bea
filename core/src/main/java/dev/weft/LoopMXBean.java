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

package dev.weft;

/**
 * A loop seen through JMX, as {@code dev.weft:type=Loop,name=<loop name>}: its counters and its
 * task dump, for JDK Mission Control, JConsole and {@code ./weft dump <pid>}. Loops register
 * when the JVM runs with {@code -Dweft.jmx=true} or {@code -Dweft.debug=true}.
 */
public interface LoopMXBean {

    /** Returns the loop's name. */
    String getName();

    /** Returns how many tasks are alive. */
    long getTasksAlive();

    /** Returns how many tasks were spawned. */
    long getTasksSpawned();

    /** Returns about how much work waits to run. */
    int getRunQueueLength();

    /** Returns how many timers are pending. */
    int getTimersPending();

    /** Returns the share of the loop's life spent running work, from 0 to 1. */
    double getBusyRatio();

    /** Returns the task dump as text; see {@link Loop#dump()}. */
    String dump();

    /** Returns the task dump as JSON; see {@link TaskDump#toJson()}. */
    String dumpJson();

    /** Returns the watchdog's blocking report as text; see {@link Loop#blockingReport()}. */
    String blockingReport();
}
