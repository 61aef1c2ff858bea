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

import dev.weft.Action;
import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.queue.FifoQueue;
import dev.weft.sync.Semaphore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most N tasks at once: gevent's {@code Pool}. {@link #spawn} waits for a free slot before it
 * starts the task, which is how a crawler keeps to N connections however many URLs it has.
 *
 * {@snippet :
 * var pool = new TaskPool(20);
 * List<String> pages = pool.map(url -> fetch(url), urls);     // input order, 20 at a time
 * for (String url : moreUrls) {
 *     pool.spawn(() -> fetch(url));                           // waits while 20 run
 * }
 * pool.join();
 * }
 *
 * <p>Tasks start on the loop given at creation, or else on the loop of the task that spawns
 * them. A slot is freed when its task finishes, however it finishes.
 *
 * <p><b>Thread safety:</b> thread-safe; a pool with a loop of its own may be fed from plain
 * threads too. Waiting for a slot parks the calling task.
 */
public final class TaskPool {
    /* How it works: a Semaphore holds the free slots. Each spawn takes a slot, then starts the
     * task with a Slot that gives it back exactly once: from the task's own finally, from its
     * done-callback when the task was cancelled before it ran, or from whoever looks at the pool
     * first after that (the callback runs later, on the spawner's loop). `running` keeps the
     * tasks and their slots for join() and cancel(). */

    private final int size;
    private final Loop loop;                           // null: the spawning task's loop
    private final Semaphore slots;
    private final Map<Task<?>, Slot> running = new ConcurrentHashMap<>();

    /**
     * Creates a pool of {@code size} slots whose tasks start on the loop of the task that spawns
     * them.
     *
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public TaskPool(int size) {
        this(null, size);
    }

    /**
     * Creates a pool of {@code size} slots whose tasks start on {@code loop}.
     *
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public TaskPool(Loop loop, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        this.size = size;
        this.loop = loop;
        this.slots = new Semaphore(size);
    }

    /** Returns how many tasks the pool runs at once at most. */
    public int size() {
        return size;
    }

    /** Returns how many slots are free now. */
    public int free() {
        releaseFinished();
        return slots.availablePermits();
    }

    /** Returns how many of the pool's tasks have not finished. */
    public int running() {
        releaseFinished();
        return running.size();
    }

    /**
     * Waits for a free slot, then starts {@code body} as a task and returns it. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws CancellationException if the calling task is cancelled while it waits
     * @throws WrongThreadException if the pool has no loop and the caller is not a task
     */
    public <T> Task<T> spawn(Callable<T> body) {
        Objects.requireNonNull(body, "body");
        Loop target = target();
        slots.acquire();
        return start(target, body);
    }

    /** Waits for a free slot, then starts {@code body}; see {@link #spawn(Callable)}. */
    public Task<Void> spawn(Action body) {
        Objects.requireNonNull(body, "body");
        return spawn(() -> {
            body.run();
            return null;
        });
    }

    /**
     * Applies {@code function} to every input in tasks of this pool, at most {@link #size()} at
     * once, and returns the results in input order: gevent's {@code Pool.map}. The first failure
     * in input order cancels the other tasks and is thrown as {@link Task#result()} throws it.
     * This is a {@linkplain dev.weft cancellation point}; a cancelled caller cancels the tasks.
     */
    public <A, B> List<B> map(WorkerPool.Mapper<? super A, ? extends B> function,
            Iterable<A> inputs) {
        Objects.requireNonNull(function, "function");
        var tasks = new ArrayList<Task<? extends B>>();
        var results = new ArrayList<B>();
        try {
            for (A input : inputs) {
                tasks.add(spawn(() -> function.apply(input)));
            }
            for (Task<? extends B> task : tasks) {
                results.add(task.result());
            }
        } catch (Throwable failure) {
            tasks.forEach(Task::cancel);
            throw failure;
        }
        return results;
    }

    /**
     * Applies {@code function} to every input as {@link #map} does, but returns the results in
     * the order the tasks finish: gevent's {@code imap_unordered}, collected.
     */
    public <A, B> List<B> mapUnordered(WorkerPool.Mapper<? super A, ? extends B> function,
            Iterable<A> inputs) {
        var results = new ArrayList<B>();
        try (var iterator = imapUnordered(function, inputs)) {
            iterator.forEachRemaining(results::add);
        }
        return results;
    }

    /**
     * Returns the results of {@code function} over the inputs lazily, in input order: gevent's
     * {@code imap}. Tasks start as the iterator is read, keeping up to {@link #size()} in
     * flight; {@code next()} waits for the next result and throws a failure as
     * {@link Task#result()} does. Closing the iterator cancels the tasks it started that are
     * still running.
     */
    public <A, B> ResultIterator<B> imap(WorkerPool.Mapper<? super A, ? extends B> function,
            Iterable<A> inputs) {
        return new Results<>(function, inputs.iterator(), false);
    }

    /**
     * Returns the results of {@code function} over the inputs lazily, in the order the tasks
     * finish: gevent's {@code imap_unordered}; otherwise as {@link #imap}.
     */
    public <A, B> ResultIterator<B> imapUnordered(
            WorkerPool.Mapper<? super A, ? extends B> function, Iterable<A> inputs) {
        return new Results<>(function, inputs.iterator(), true);
    }

    /**
     * Waits until every task of the pool has finished, ignoring their failures. This is a
     * {@linkplain dev.weft cancellation point}.
     */
    public void join() {
        while (true) {
            releaseFinished();
            List<Task<?>> alive = List.copyOf(running.keySet());
            if (alive.isEmpty()) {
                return;
            }
            for (Task<?> task : alive) {
                task.join();
            }
        }
    }

    /**
     * Cancels every task of the pool; never blocks. Follow it with {@link #join()} to wait until
     * they have finished, which together are gevent's {@code kill()}.
     */
    public void cancel() {
        running.keySet().forEach(Task::cancel);
    }

    @Override
    public String toString() {
        return "TaskPool[" + running.size() + " of " + size + " running, " + slots.waiting()
                + " waiting for a slot]";
    }

    // ---- the mechanism -------------------------------------------------------------------------

    /** Gives back the slots of finished tasks whose callbacks have not run yet. */
    private void releaseFinished() {
        running.forEach((task, slot) -> {
            if (task.isDone()) {
                slot.release();
            }
        });
    }

    private Loop target() {
        if (loop != null) {
            return loop;
        }
        if (!Weft.inTask()) {
            throw new WrongThreadException("a TaskPool without a loop of its own must be used "
                    + "from a task; create it with new TaskPool(loop, size) to feed it from a "
                    + "plain thread");
        }
        return Weft.current().loop();
    }

    /** Starts {@code body} in a slot already taken. */
    private <T> Task<T> start(Loop target, Callable<T> body) {
        var slot = new Slot();
        Task<T> task;
        try {
            task = target.spawn(() -> {
                try {
                    return body.call();
                } finally {
                    slot.release();
                }
            });
        } catch (Throwable refused) {
            slot.release();
            throw refused;
        }
        slot.task = task;
        running.put(task, slot);
        if (slot.released.get()) {
            running.remove(task);   // it finished on another loop before it was added
        }
        task.onDone(done -> slot.release());   // a task cancelled before it ran
        return task;
    }

    /** One taken slot, given back exactly once. */
    private final class Slot {
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile Task<?> task;

        void release() {
            if (released.compareAndSet(false, true)) {
                Task<?> finished = task;
                if (finished != null) {
                    running.remove(finished);
                }
                slots.release();
            }
        }
    }

    /**
     * An iterator over results that starts tasks as it is read; close it to cancel the tasks it
     * started that still run.
     *
     * @param <B> the result type
     */
    public interface ResultIterator<B> extends Iterator<B>, AutoCloseable {
        /** Cancels the tasks this iterator started that have not finished. Never blocks. */
        @Override
        void close();
    }

    /** The iterator behind imap and imapUnordered. */
    private final class Results<A, B> implements ResultIterator<B> {
        private final WorkerPool.Mapper<? super A, ? extends B> function;
        private final Iterator<A> inputs;
        private final boolean unordered;
        private final ArrayDeque<Task<? extends B>> inFlight = new ArrayDeque<>();
        private final FifoQueue<Task<? extends B>> finished = new FifoQueue<>();
        private final Loop target = target();

        Results(WorkerPool.Mapper<? super A, ? extends B> function, Iterator<A> inputs,
                boolean unordered) {
            this.function = Objects.requireNonNull(function, "function");
            this.inputs = Objects.requireNonNull(inputs, "inputs");
            this.unordered = unordered;
        }

        @Override
        public boolean hasNext() {
            return !inFlight.isEmpty() || inputs.hasNext();
        }

        @Override
        public B next() {
            if (!hasNext()) {
                throw new NoSuchElementException("every input has been mapped");
            }
            topUp();
            Task<? extends B> next;
            if (unordered) {
                try {
                    next = finished.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for a result");
                }
                inFlight.remove(next);
            } else {
                next = inFlight.poll();
            }
            return next.result();
        }

        /** Starts tasks while there are inputs and free slots; at least one if none is in flight. */
        private void topUp() {
            while (inputs.hasNext() && (inFlight.isEmpty() ? acquire() : slots.tryAcquire())) {
                A input = inputs.next();
                Task<? extends B> task = start(target, () -> function.apply(input));
                inFlight.add(task);
                if (unordered) {
                    task.onDone(done -> finished.offer(task));
                }
            }
        }

        private boolean acquire() {
            slots.acquire();
            return true;
        }

        @Override
        public void close() {
            inFlight.forEach(Task::cancel);
        }
    }
}
