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

package dev.weft.process;

import dev.weft.Loop;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The children started by the tasks of one loop and still running: what the loop kills, and
 * reports, when it closes, so no child outlives a program that forgot it.
 */
final class LoopChildren implements AutoCloseable {
    private static final Map<Loop, LoopChildren> BY_LOOP = new ConcurrentHashMap<>();
    /** How long closing waits for a killed child to be gone; SIGKILL cannot be caught. */
    private static final java.time.Duration KILL_WAIT = java.time.Duration.ofSeconds(5);

    private final Loop loop;
    private final Set<Subprocess> running = ConcurrentHashMap.newKeySet();   // any thread

    private LoopChildren(Loop loop) {
        this.loop = loop;
    }

    /** Any thread: {@code child} was started by a task of {@code loop}. */
    static void started(Loop loop, Subprocess child) {
        BY_LOOP.computeIfAbsent(loop, LoopChildren::register).running.add(child);
    }

    /** Any thread: {@code child} of {@code loop} has ended and been waited for. */
    static void ended(Loop loop, Subprocess child) {
        LoopChildren children = BY_LOOP.get(loop);
        if (children != null) {
            children.running.remove(child);
        }
    }

    private static LoopChildren register(Loop loop) {
        var children = new LoopChildren(loop);
        loop.closeWith(children);
        return children;
    }

    /** The closing thread, after every task of the loop ended: kills what still runs. */
    @Override
    public void close() {
        BY_LOOP.remove(loop);
        for (Subprocess child : Set.copyOf(running)) {
            running.remove(child);
            if (child.isAlive()) {
                child.killAndWait(KILL_WAIT);
                if (child.endedByKill()) {   // not one that ended by itself as we looked
                    loop.report(child + " was still running when loop \"" + loop.name()
                            + "\" closed, so it was killed with its process tree; wait for it, "
                            + "or close it (try-with-resources), before the loop ends", null);
                }
            } else {
                child.closePipes();
            }
        }
    }

    @Override
    public String toString() {
        return "the children of loop \"" + loop.name() + "\"";
    }
}
