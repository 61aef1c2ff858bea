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

package dev.weft.queue;

import dev.weft.internal.park.Interrupts;
import dev.weft.internal.park.Parking;
import dev.weft.internal.park.Party;
import dev.weft.internal.park.WaitList;
import dev.weft.internal.park.WaitPoint;
import dev.weft.internal.park.Waiter;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * A queue that tasks wait on, with Python's {@code task_done()}/{@code join()} and
 * {@code shutdown()}: the common part of {@link FifoQueue}, {@link LifoQueue} and
 * {@link PriorityQueue}, each a full {@link BlockingQueue}, bounded or not.
 *
 * {@snippet :
 * var work = new FifoQueue<String>(100);
 * for (int i = 0; i < 4; i++) {
 *     Weft.spawn(() -> {
 *         while (true) {
 *             String url = work.take();        // parks while the queue is empty
 *             try {
 *                 fetch(url);
 *             } finally {
 *                 work.taskDone();
 *             }
 *         }
 *     });
 * }
 * urls.forEach(work::put);                    // parks while the queue is full
 * work.join();                                // every url fetched
 * work.shutdown();                            // consumers' take() now ends them
 * }
 *
 * <p><b>Waiting:</b> {@link #put}, {@link #take}, {@link #join()} and the timed
 * {@code offer}/{@code poll} park the calling task; each is a {@linkplain dev.weft cancellation
 * point}. A cancelled task gets {@link CancellationException} and has put or taken nothing; an
 * interrupted plain thread gets {@link InterruptedException}. Timeouts are measured on the
 * waiting task's loop clock. Waiting producers and consumers are served in arrival order; an
 * item offered while a consumer waits goes straight to that consumer.
 *
 * <p><b>Unfinished items:</b> every item put counts as unfinished until a consumer calls
 * {@link #taskDone()} for it; {@link #join()} waits until none is. Items removed without being
 * taken ({@link #remove(Object)}, {@link #clear()}, an immediate shutdown) count as done.
 *
 * <p><b>Shutdown:</b> after {@link #shutdown()}, putting fails with
 * {@link QueueShutdownException}, waiting producers fail too, and consumers take what is left
 * and then fail with it. {@link #shutdownNow()} also takes out what is left, and returns it.
 *
 * <p><b>Thread safety:</b> thread-safe; tasks of several loops and plain threads may share a
 * queue, which is how tasks of different loops talk. The fast path is tasks of one loop.
 * Null items are refused, as every {@link BlockingQueue} refuses them.
 *
 * <p><b>Serialization:</b> not {@link java.io.Serializable}, unlike the JDK's blocking queues: a
 * queue belongs to the tasks of a running program, and its waiters are not state that could be
 * restored. Copy the items out ({@code new ArrayList<>(queue)}) to persist them.
 *
 * @param <E> the item type
 */
public abstract sealed class JoinableQueue<E> extends AbstractQueue<E> implements BlockingQueue<E>
        permits DequeQueue, PriorityQueue {
    /* How it works: `point` guards everything. Consumers wait in `takers` only while the store
     * is empty, so an item put while one waits is granted to it directly; producers wait in
     * `putters` with their item only while the store is full, and are admitted in order as room
     * appears. A shutdown grants every waiting producer, and every waiting consumer when the
     * store is empty, the SHUT_DOWN marker. The store's order (FIFO, LIFO, priority) is the
     * subclass's. */

    /** Granted to waiters when the queue shuts down. */
    static final Object SHUT_DOWN = new Object();

    final WaitPoint point = new WaitPoint(this, this::summary);
    private final int capacity;                         // Integer.MAX_VALUE: unbounded
    final WaitList takers = new WaitList();             // guarded by point
    private final WaitList putters = new WaitList();    // guarded by point
    private final WaitList joiners = new WaitList();    // guarded by point
    private long unfinished;                            // guarded by point
    private volatile boolean shutdown;                  // written under point

    JoinableQueue(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity
                    + " (0 is a rendezvous: a put waits for a take)");
        }
        this.capacity = capacity;
    }

    // ---- the store, under the guard ------------------------------------------------------------

    abstract void store(E item);

    abstract E unstore();

    abstract E peekStored();

    abstract int stored();

    /** Removes one stored item equal to {@code item}; returns whether there was one. */
    abstract boolean removeStored(Object item);

    /** Removes the stored item that is {@code item} itself (not an equal one), if it is there. */
    abstract boolean removeStoredIdentical(Object item);

    /** Checks an item before it goes in; throws if the queue cannot hold it. */
    void checkItem(E item) {
        Objects.requireNonNull(item, "item");
    }

    abstract void clearStored();

    /** The stored items, in the order the queue would hand them out where that is cheap. */
    abstract Object[] storedSnapshot();

    // ---- putting -------------------------------------------------------------------------------

    /**
     * Adds {@code item}, waiting while the queue is full. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws QueueShutdownException if the queue is or becomes shut down before the item is in
     * @throws InterruptedException if the waiting plain thread is interrupted
     * @throws CancellationException if the calling task is cancelled
     */
    @Override
    public void put(E item) throws InterruptedException {
        offerWaiting(item, -1);
    }

    /**
     * Adds {@code item} if the queue has room now (or a consumer waits); never waits.
     *
     * @return whether the item was added
     * @throws QueueShutdownException if the queue is shut down
     */
    @Override
    public boolean offer(E item) {
        checkItem(item);
        Party me = Party.current();
        synchronized (point) {
            point.touch(me);
            requireOpen();
            return offerLocked(item);
        }
    }

    /**
     * Adds {@code item}, waiting at most {@code timeout} (on the loop clock) for room. This is
     * a {@linkplain dev.weft cancellation point}.
     *
     * @return whether the item was added
     * @throws QueueShutdownException if the queue is or becomes shut down
     * @throws InterruptedException if the waiting plain thread is interrupted
     */
    @Override
    public boolean offer(E item, long timeout, TimeUnit unit) throws InterruptedException {
        return offerWaiting(item, Math.max(0, unit.toNanos(timeout)));
    }

    private boolean offerWaiting(E item, long timeoutNanos) throws InterruptedException {
        checkItem(item);
        Party me = Party.current();
        try {
            me.checkpoint();
            Waiter waiter;
            synchronized (point) {
                point.touch(me);
                requireOpen();
                if (offerLocked(item)) {
                    return true;
                }
                if (timeoutNanos == 0) {
                    return false;
                }
                waiter = new Waiter(me, point, 1, item);
                putters.add(waiter);
            }
            if (!point.await(putters, waiter, timeoutNanos)) {
                return false;
            }
            if (waiter.item() == SHUT_DOWN) {
                throw shutDownError("put into");
            }
            return true;
        } catch (CancellationException e) {
            throw Interrupts.forThread(me, e);
        }
    }

    /** Under the guard: hands the item to a waiting consumer, or stores it if there is room. */
    private boolean offerLocked(E item) {
        Waiter taker;
        while ((taker = takers.pollFirst()) != null) {
            if (taker.grant(item)) {
                unfinished++;
                return true;
            }
        }
        if (stored() < capacity) {
            store(item);
            unfinished++;
            return true;
        }
        return false;
    }

    // ---- taking --------------------------------------------------------------------------------

    /**
     * Removes and returns the next item, waiting while the queue is empty. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws QueueShutdownException if the queue is shut down and empty
     * @throws InterruptedException if the waiting plain thread is interrupted
     * @throws CancellationException if the calling task is cancelled
     */
    @Override
    public E take() throws InterruptedException {
        return pollWaiting(-1);
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout} (on the loop clock).
     * This is a {@linkplain dev.weft cancellation point}.
     *
     * @return the item, or null if none came in time
     * @throws QueueShutdownException if the queue is shut down and empty
     * @throws InterruptedException if the waiting plain thread is interrupted
     */
    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return pollWaiting(Math.max(0, unit.toNanos(timeout)));
    }

    /** Removes and returns the next item, or null if the queue is empty; never waits. */
    @Override
    public E poll() {
        Party me = Party.current();
        synchronized (point) {
            point.touch(me);
            return pollLocked();
        }
    }

    @SuppressWarnings("unchecked")
    private E pollWaiting(long timeoutNanos) throws InterruptedException {
        Party me = Party.current();
        try {
            me.checkpoint();
            Waiter waiter;
            synchronized (point) {
                point.touch(me);
                E item = pollLocked();
                if (item != null) {
                    return item;
                }
                if (shutdown) {
                    throw shutDownError("take from");
                }
                if (timeoutNanos == 0) {
                    return null;
                }
                waiter = new Waiter(me, point, 1);
                takers.add(waiter);
            }
            if (!point.await(takers, waiter, timeoutNanos)) {
                return null;
            }
            Object item = waiter.item();
            if (item == SHUT_DOWN) {
                throw shutDownError("take from");
            }
            return (E) item;
        } catch (CancellationException e) {
            throw Interrupts.forThread(me, e);
        }
    }

    /** Under the guard: the next item, taking it from a waiting producer if none is stored. */
    @SuppressWarnings("unchecked")
    E pollLocked() {
        if (stored() > 0) {
            E item = unstore();
            admitPutters();
            return item;
        }
        Waiter putter;
        while ((putter = putters.pollFirst()) != null) {   // a rendezvous queue
            if (putter.grant()) {
                unfinished++;
                return (E) putter.payload();
            }
        }
        return null;
    }

    /** Under the guard: whether a take would find an item now. */
    boolean hasItemLocked() {
        return stored() > 0 || !putters.isEmpty();
    }

    /** Under the guard: moves waiting producers' items into the store while there is room. */
    @SuppressWarnings("unchecked")
    private void admitPutters() {
        Waiter putter;
        while (stored() < capacity && (putter = putters.pollFirst()) != null) {
            if (putter.grant()) {
                store((E) putter.payload());
                unfinished++;
            }
        }
    }

    @Override
    public E peek() {
        synchronized (point) {
            return peekStored();
        }
    }

    @Override
    public int drainTo(Collection<? super E> sink) {
        return drainTo(sink, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> sink, int maxItems) {
        Objects.requireNonNull(sink, "sink");
        if (sink == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        Party me = Party.current();
        int drained = 0;
        synchronized (point) {
            point.touch(me);
            E item;
            while (drained < maxItems && (item = pollLocked()) != null) {
                sink.add(item);
                drained++;
            }
        }
        return drained;
    }

    // ---- unfinished items ----------------------------------------------------------------------

    /**
     * Marks one taken item as processed: Python's {@code task_done()}. When every item put has
     * been marked, {@link #join()} returns. Never blocks.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        Party me = Party.current();
        synchronized (point) {
            point.touch(me);
            if (unfinished == 0) {
                throw new IllegalStateException("taskDone() was called more times than items were "
                        + "put into " + summary() + "; call it once per item taken");
            }
            finish(1);
        }
    }

    /**
     * Waits until every item put has been marked with {@link #taskDone()}. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws CancellationException if the calling task is cancelled
     */
    public void join() {
        point.awaitUntil(() -> unfinished == 0, joiners, -1);
    }

    /** Returns how many items were put and not yet marked with {@link #taskDone()}. */
    public long unfinished() {
        synchronized (point) {
            return unfinished;
        }
    }

    private void finish(long items) {
        unfinished = Math.max(0, unfinished - items);
        if (unfinished == 0) {
            joiners.grantAll(null);
        }
    }

    // ---- shutdown ------------------------------------------------------------------------------

    /**
     * Shuts the queue down: puts fail from now on, waiting producers fail, and consumers take
     * what is left and then fail with {@link QueueShutdownException}. Never blocks; calling it
     * again does nothing more.
     */
    public void shutdown() {
        Party me = Party.current();
        synchronized (point) {
            point.touch(me);
            shutDownLocked();
        }
    }

    /**
     * Shuts the queue down as {@link #shutdown()} does, and also takes the items left out of it
     * (counting them as done for {@link #join()}), so consumers fail at once: Python's
     * {@code shutdown(immediate=True)}. Never blocks.
     *
     * @return the items that were left, in the order {@link #drainTo} gives them; nothing is
     *     dropped unseen
     */
    public List<E> shutdownNow() {
        Party me = Party.current();
        var left = new ArrayList<E>();
        synchronized (point) {
            point.touch(me);
            int dropped = stored();
            while (stored() > 0) {
                left.add(unstore());
            }
            finish(dropped);
            shutDownLocked();
        }
        return left;
    }

    /** Under the lock: no more puts; waiting producers fail, and consumers once it is empty. */
    private void shutDownLocked() {
        shutdown = true;
        putters.grantAll(SHUT_DOWN);
        if (stored() == 0) {
            takers.grantAll(SHUT_DOWN);
        }
    }

    /** Returns whether {@link #shutdown()} was called. */
    public boolean isShutdown() {
        return shutdown;
    }

    // ---- the rest of BlockingQueue -------------------------------------------------------------

    @Override
    public int size() {
        synchronized (point) {
            return stored();
        }
    }

    /** Returns the room left, or {@link Integer#MAX_VALUE} for an unbounded queue. */
    @Override
    public int remainingCapacity() {
        synchronized (point) {
            return capacity == Integer.MAX_VALUE ? Integer.MAX_VALUE : capacity - stored();
        }
    }

    /** Returns how many tasks or threads wait to put or take. */
    public int waiting() {
        synchronized (point) {
            return takers.size() + putters.size();
        }
    }

    /** Returns the capacity, or {@link Integer#MAX_VALUE} for an unbounded queue. */
    public int capacity() {
        return capacity;
    }

    /** Removes one item equal to {@code item}, counting it as done; never waits. */
    @Override
    public boolean remove(Object item) {
        if (item == null) {
            return false;
        }
        synchronized (point) {
            if (!removeStored(item)) {
                return false;
            }
            finish(1);
            admitPutters();
            return true;
        }
    }

    /** The iterator's remove: takes out the very item it returned, counting it as done. */
    void removeIdentical(Object item) {
        synchronized (point) {
            if (removeStoredIdentical(item)) {
                finish(1);
                admitPutters();
            }
        }
    }

    @Override
    public boolean contains(Object item) {
        synchronized (point) {
            return item != null && Arrays.asList(storedSnapshot()).contains(item);
        }
    }

    /** Removes every item, counting them as done; never waits. */
    @Override
    public void clear() {
        synchronized (point) {
            int dropped = stored();
            clearStored();
            finish(dropped);
            admitPutters();
        }
    }

    /**
     * Returns an iterator over a snapshot of the items; its {@code remove()} removes from the
     * queue the very item it returned last (not another equal one), if it is still there.
     */
    @Override
    public Iterator<E> iterator() {
        Object[] snapshot;
        synchronized (point) {
            snapshot = storedSnapshot();
        }
        return new SnapshotIterator<>(this, snapshot);
    }

    // ---- select --------------------------------------------------------------------------------

    /**
     * Waits until one of {@code queues} has an item and takes it: Go's {@code select} over
     * channels. When several have items, the first in the list wins. Queues that are shut down
     * and empty are skipped. This is a {@linkplain dev.weft cancellation point}; bound it with
     * {@code Weft.timeout}.
     *
     * {@snippet :
     * Selected<Message> next = JoinableQueue.select(List.of(urgent, normal));
     * handle(next.item());
     * }
     *
     * @throws IllegalArgumentException if {@code queues} is empty
     * @throws QueueShutdownException if every queue is shut down and empty
     * @throws CancellationException if the calling task is cancelled; nothing was taken
     */
    public static <E> Selected<E> select(List<? extends JoinableQueue<? extends E>> queues) {
        return Selection.select(queues);
    }

    // ---- messages ------------------------------------------------------------------------------

    /**
     * Returns the queue's state for messages and dumps, such as
     * {@code FifoQueue[2/10 items, 3 unfinished, 0 takers and 1 putters waiting]};
     * {@link #toString()} gives the items instead, in the {@link java.util.Collection} format.
     */
    public String summary() {
        synchronized (point) {
            return getClass().getSimpleName() + "[" + stored() + (capacity == Integer.MAX_VALUE
                    ? "" : "/" + capacity) + " items, " + unfinished + " unfinished, "
                    + takers.size() + " takers and " + putters.size() + " putters waiting"
                    + (shutdown ? ", shut down" : "") + "]";
        }
    }

    private void requireOpen() {
        if (shutdown) {
            throw shutDownError("put into");
        }
    }

    QueueShutdownException shutDownError(String action) {
        return new QueueShutdownException(Parking.describe(Party.current())
                + " cannot " + action + " " + summary() + ": it is shut down");
    }
}
