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

import dev.weft.internal.park.WaitState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import dev.weft.internal.future.Completion.Phase;

/**
 * A loop's record of its tasks: how many were spawned, rejected and finished, which have started
 * and not finished, which wait for a delayed start, which task groups each has open, how many
 * wait on the loop itself, and which failed without anyone observing it. Kept here rather than
 * in every task, since most tasks never use the rarer parts.
 */
public final class TaskLedger {
    /* How it works: the counters may be read from any thread; spawned and rejected are also
     * written from any thread, finished only by the loop thread. Everything else belongs to the
     * loop thread, except the unobserved failures, which any thread may observe. The alive tasks
     * form an intrusive doubly-linked list through TaskCore.previousAlive/nextAlive, so starting and
     * finishing a task allocates nothing. */

    private final LoopCore loop;
    private final AtomicLong spawned = new AtomicLong();      // any thread; also task ids
    private final AtomicLong rejected = new AtomicLong();     // any thread
    private final AtomicLong finished = new AtomicLong();     // written by the loop thread
    private final Set<TaskCore> unobservedFailures = ConcurrentHashMap.newKeySet();
    private final Map<TaskCore, Throwable> unobservedSites = new ConcurrentHashMap<>();
    private final Map<TaskCore, LoopTimer> delayed = new LinkedHashMap<>();   // loop thread only
    private final Map<TaskCore, List<Runnable>> openGroups = new HashMap<>();   // loop thread
    // Where each alive task was spawned, with -Dweft.debug=true only; any thread.
    private final Map<TaskCore, Throwable> spawnSites = new ConcurrentHashMap<>();
    private TaskCore aliveHead;                                    // loop thread only
    private int aliveStarted;                                     // loop thread only
    private int waitingOnLoop;                                    // loop thread only

    TaskLedger(LoopCore loop) {
        this.loop = loop;
    }

    /** Any thread: counts a task in and returns its id. */
    long admit() {
        return spawned.incrementAndGet();
    }

    /** Any thread: takes back an {@link #admit()} whose task was refused. */
    void reject() {
        rejected.incrementAndGet();
    }

    /** Any thread: tasks admitted and not refused. */
    long accepted() {
        return spawned.get() - rejected.get();
    }

    /** Any thread: tasks finished. */
    long finished() {
        return finished.get();
    }

    /** Loop thread: whether every admitted task has finished. */
    boolean allFinished() {
        return accepted() == finished.get();
    }

    /** Loop thread: a task's body starts. */
    void started(TaskCore task) {
        task.nextAlive = aliveHead;
        if (aliveHead != null) {
            aliveHead.previousAlive = task;
        }
        aliveHead = task;
        aliveStarted++;
    }

    /** Loop thread: a task has its outcome. */
    void finished(TaskCore task) {
        if (task.previousAlive != null) {
            task.previousAlive.nextAlive = task.nextAlive;
        } else {
            aliveHead = task.nextAlive;
        }
        if (task.nextAlive != null) {
            task.nextAlive.previousAlive = task.previousAlive;
        }
        task.previousAlive = null;
        task.nextAlive = null;
        aliveStarted--;
        openGroups.remove(task);   // groups its code never closed
        Throwable site = WaitState.RECORD_SITES ? spawnSites.remove(task) : null;
        if (!task.isObserved() && carriesFailure(task)) {
            if (task.isDetached()) {
                loop.report(task + " " + (task.phase() == Phase.FAILED ? "failed"
                        : "was cancelled carrying failures") + "; it was run through "
                        + "Loop.execute, so nobody else can see them" + spawnedAt(site),
                        task.failure());
            } else {
                if (site != null) {
                    unobservedSites.put(task, site);
                }
                unobservedFailures.add(task);
            }
        }
        finished.lazySet(finished.get() + 1);   // one writer: a plain increment, published
    }

    /** Loop thread: the tasks started and not finished, then those waiting to start later. */
    public List<TaskCore> alive() {
        var alive = new ArrayList<TaskCore>(delayed.keySet());
        for (TaskCore t = aliveHead; t != null; t = t.nextAlive) {
            alive.add(t);
        }
        return alive;
    }

    /**
     * Returns the first started task that {@code test} accepts, or null; walks at most as many
     * links as tasks are alive, so that a walk from another thread cannot loop forever.
     */
    public TaskCore findAlive(java.util.function.Predicate<TaskCore> test) {
        int limit = aliveStarted + 16;
        for (TaskCore t = aliveHead; t != null && limit-- > 0; t = t.nextAlive) {
            if (test.test(t)) {
                return t;
            }
        }
        return null;
    }

    /** Any thread, with {@code -Dweft.debug=true}: {@code task} was spawned here. */
    void spawnedHere(TaskCore task) {
        spawnSites.put(task, new Throwable("spawned here"));
    }

    /** The spawn sites of alive tasks; empty unless {@code -Dweft.debug=true}. */
    public Map<TaskCore, Throwable> spawnSites() {
        return spawnSites;
    }

    /** Any thread: where a failed task nobody observed was spawned, for its report; or "". */
    public String spawnSiteOf(TaskCore task) {
        return spawnedAt(unobservedSites.remove(task));
    }

    /** "; spawned at:" and the first caller frames of the site, or "" without a site. */
    public static String spawnedAt(Throwable site) {
        if (site == null) {
            return "";
        }
        var text = new StringBuilder("; spawned at:");
        List<StackTraceElement> frames = callerFrames(site);
        for (int i = 0; i < Math.min(8, frames.size()); i++) {
            text.append("\n\tat ").append(frames.get(i));
        }
        return text.toString();
    }

    /** The classes a spawn passes through before it reaches the code that asked for it. */
    private static final Set<String> SPAWN_PATH = Set.of(TaskLedger.class.getName(),
            TaskCore.class.getName(), LoopCore.class.getName(), "dev.weft.Loop", "dev.weft.Task",
            "dev.weft.Weft", "dev.weft.TaskGroup", "dev.weft.exec.TaskPool",
            "dev.weft.exec.LoopGroup");

    /** The frames of a spawn site from the caller of Weft's spawn methods outward. */
    public static List<StackTraceElement> callerFrames(Throwable site) {
        StackTraceElement[] frames = site.getStackTrace();
        int first = 0;
        while (first < frames.length && SPAWN_PATH.contains(
                frames[first].getClassName().replaceFirst("\\$.*", ""))) {
            first++;
        }
        return List.of(frames).subList(first, frames.length);
    }

    /** Loop thread: a task of {@link LoopCore#spawnLater} waits for {@code startTimer}. */
    void delay(TaskCore task, LoopTimer startTimer) {
        delayed.put(task, startTimer);
    }

    /** Loop thread: returns the start timer of a task still waiting for it, or null. */
    LoopTimer undelay(TaskCore task) {
        return delayed.remove(task);
    }

    /**
     * Loop thread: {@code owner} opened a task group, which {@code cancelGroup} cancels when the
     * owner is cancelled.
     */
    public void groupOpened(TaskCore owner, Runnable cancelGroup) {
        openGroups.computeIfAbsent(owner, unused -> new ArrayList<>(2)).add(cancelGroup);
    }

    /** Loop thread: a copy of the cancels of the groups {@code owner} has open, innermost last. */
    List<Runnable> openGroups(TaskCore owner) {
        List<Runnable> groups = openGroups.get(owner);
        return groups == null ? List.of() : List.copyOf(groups);
    }

    /** Loop thread: {@code owner} closed the group that {@code cancelGroup} cancels. */
    public void groupClosed(TaskCore owner, Runnable cancelGroup) {
        List<Runnable> groups = openGroups.get(owner);
        if (groups != null && groups.remove(cancelGroup) && groups.isEmpty()) {
            openGroups.remove(owner);
        }
    }

    /** Loop thread: a task parks in a wait only this loop can end. */
    void waitsOnLoop() {
        waitingOnLoop++;
    }

    /** Loop thread: that task resumed. */
    void resumes() {
        waitingOnLoop--;
    }

    /** Loop thread: whether any task has started and not finished. */
    boolean anyStarted() {
        return aliveStarted > 0;
    }

    /** Loop thread: whether every started task waits on something only this loop can end. */
    boolean allWaitOnLoop() {
        return waitingOnLoop == aliveStarted;
    }

    /** Any thread: someone read the task's outcome. */
    public void observed(TaskCore task) {
        unobservedFailures.remove(task);
    }

    /**
     * Whether a finished task's outcome holds a failure someone must see: it failed, or it was
     * cancelled with failures attached to its cancellation (a task group's children's).
     */
    public static boolean carriesFailure(TaskCore task) {
        return switch (task.phase()) {
            case FAILED -> true;
            case CANCELLED -> Failures.carriesFailure(task.failure());
            default -> false;
        };
    }

    /** Any thread: removes and returns the failed tasks that nobody observed. */
    List<TaskCore> takeUnobservedFailures() {
        var taken = new ArrayList<TaskCore>();
        for (TaskCore task : List.copyOf(unobservedFailures)) {
            if (unobservedFailures.remove(task) && !task.isObserved()) {
                taken.add(task);
            }
        }
        return taken;
    }
}
