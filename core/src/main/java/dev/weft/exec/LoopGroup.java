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

package dev.weft.exec;

import dev.weft.internal.hook.Uninterruptibly;

import dev.weft.Action;
import dev.weft.Loop;
import dev.weft.LoopOptions;
import dev.weft.Task;
import dev.weft.Weft;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several loops, one per carrier thread, to use every core: what Python needs processes for.
 * Tasks are spread over the loops round robin, or by a key so that related tasks share a loop
 * and so share state without locks. Tasks of different loops run in parallel and talk through
 * Weft's queues and primitives, which are thread-safe.
 *
 * {@snippet :
 * try (var group = new LoopGroup()) {                       // one loop per core
 *     var results = new FifoQueue<Integer>();
 *     for (int i = 0; i < 100; i++) {
 *         int n = i;
 *         group.spawn(() -> results.put(cpuHeavy(n)));       // round robin
 *     }
 *     group.spawnByKey(userId, () -> handle(userId));        // always the same loop
 * }                                                          // closes every loop
 * }
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
public final class LoopGroup implements Executor, AutoCloseable {
    private static final AtomicInteger GROUP_NUMBERS = new AtomicInteger();

    private final List<Loop> loops;
    private final AtomicInteger next = new AtomicInteger();

    /** Creates a group of one loop per available processor. */
    public LoopGroup() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Creates a group of {@code size} loops with default options, named
     * {@code weft-g<group>-<index>}.
     *
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public LoopGroup(int size) {
        this(size, LoopOptions.defaults());
    }

    /**
     * Creates a group of {@code size} loops with {@code options}; each loop is named after the
     * options' name (or {@code weft-g<group>}) and its index.
     *
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public LoopGroup(int size, LoopOptions options) {
        Objects.requireNonNull(options, "options");
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        String prefix = options.name() != null ? options.name()
                : "weft-g" + GROUP_NUMBERS.incrementAndGet();
        var created = new ArrayList<Loop>(size);
        try {
            for (int i = 0; i < size; i++) {
                created.add(new Loop(options.withName(prefix + "-" + i)));
            }
        } catch (Throwable failure) {
            created.forEach(Loop::close);
            throw failure;
        }
        this.loops = List.copyOf(created);
    }

    /** Returns the loops, in index order. */
    public List<Loop> loops() {
        return loops;
    }

    /** Returns how many loops the group has. */
    public int size() {
        return loops.size();
    }

    /** Returns the next loop, round robin. */
    public Loop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    /** Returns the loop for {@code key}: the same loop for equal keys, for the group's life. */
    public Loop loopFor(Object key) {
        Objects.requireNonNull(key, "key");
        return loops.get(Math.floorMod(key.hashCode(), loops.size()));
    }

    /**
     * Starts {@code body} on the next loop, round robin.
     *
     * @throws RejectedExecutionException if the group is closed
     */
    public <T> Task<T> spawn(Callable<T> body) {
        return next().spawn(body);
    }

    /** Starts {@code body} on the next loop, round robin; see {@link #spawn(Callable)}. */
    public Task<Void> spawn(Action body) {
        return next().spawn(body);
    }

    /**
     * Starts {@code body} on the loop for {@code key}, so tasks with equal keys share a loop.
     *
     * @throws RejectedExecutionException if the group is closed
     */
    public <T> Task<T> spawnByKey(Object key, Callable<T> body) {
        return loopFor(key).spawn(body);
    }

    /** Starts {@code body} on the loop for {@code key}; see {@link #spawnByKey(Object, Callable)}. */
    public Task<Void> spawnByKey(Object key, Action body) {
        return loopFor(key).spawn(body);
    }

    /** Runs {@code command} as a task on the next loop; see {@link Loop#execute}. */
    @Override
    public void execute(Runnable command) {
        next().execute(command);
    }

    /**
     * Closes every loop, as {@link Loop#close()} does, all at once; returns when all are closed.
     *
     * @throws IllegalStateException if called from a task of the group, which would wait for
     *     itself
     */
    @Override
    public void close() {
        if (Weft.inTask() && loops.contains(Weft.current().loop())) {
            throw new IllegalStateException("a LoopGroup cannot be closed from its own task "
                    + Weft.current() + ": close() waits for every task; close it from outside "
                    + "the group");
        }
        var closers = new ArrayList<Thread>(loops.size());
        for (Loop loop : loops) {
            closers.add(Thread.ofPlatform().name(loop.name() + "-closer").start(loop::close));
        }
        for (Thread closer : closers) {
            Uninterruptibly.run(closer::join);   // closing must finish
        }
    }

    @Override
    public String toString() {
        return "LoopGroup" + loops;
    }
}
