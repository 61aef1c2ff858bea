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

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Registers loops as {@link LoopMXBean}s when the JVM asks for it ({@code -Dweft.jmx=true} or
 * {@code -Dweft.debug=true}); off by default because starting JMX costs a program that never
 * uses it tens of milliseconds. It reads the loop through its public API only.
 */
final class LoopManagement implements LoopMXBean {
    static final boolean ENABLED = Boolean.getBoolean("weft.jmx")
            || Boolean.getBoolean("weft.debug");

    private final Loop loop;

    private LoopManagement(Loop loop) {
        this.loop = loop;
    }

    /** Registers {@code loop}; a failure is reported, not thrown: JMX is a convenience. */
    static ObjectName register(Loop loop) {
        try {
            var name = ObjectName.getInstance("dev.weft:type=Loop,name="
                    + ObjectName.quote(loop.name()));
            ManagementFactory.getPlatformMBeanServer().registerMBean(new LoopManagement(loop), name);
            return name;
        } catch (JMException | RuntimeException e) {
            loop.report("loop \"" + loop.name() + "\" could not register with JMX", e);
            return null;
        }
    }

    static void unregister(Loop loop, ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (javax.management.InstanceNotFoundException closedTwice) {
            // Two threads closed the loop at once; the first one unregistered it.
        } catch (JMException | RuntimeException e) {
            loop.report("loop \"" + loop.name() + "\" could not leave JMX", e);
        }
    }

    @Override
    public String getName() {
        return loop.name();
    }

    @Override
    public long getTasksAlive() {
        return loop.stats().tasksAlive();
    }

    @Override
    public long getTasksSpawned() {
        return loop.stats().tasksSpawned();
    }

    @Override
    public int getRunQueueLength() {
        return loop.stats().runQueueLength();
    }

    @Override
    public int getTimersPending() {
        return loop.stats().timersPending();
    }

    @Override
    public double getBusyRatio() {
        return loop.stats().busyRatio();
    }

    @Override
    public String dump() {
        return loop.dump().toString();
    }

    @Override
    public String dumpJson() {
        return loop.dump().toJson();
    }

    @Override
    public String blockingReport() {
        var text = new StringBuilder();
        for (BlockingSite site : loop.blockingReport()) {
            text.append(site.times()).append(" time(s), ").append(site.total().toMillis())
                    .append(" ms in all, longest ").append(site.longest().toMillis())
                    .append(" ms: ").append(site.call()).append(" called from ")
                    .append(site.site()).append('\n');
        }
        return text.isEmpty() ? "the loop was never held past its watchdog threshold (or has no "
                + "watchdog)\n" : text.toString();
    }
}
