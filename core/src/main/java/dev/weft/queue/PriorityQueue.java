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

import java.util.Comparator;
import java.util.Objects;

/**
 * A queue for tasks that hands out the smallest item first: Python's
 * {@code queue.PriorityQueue} and asyncio's {@code PriorityQueue}. Items of equal priority come
 * out in the order they were put. See {@link JoinableQueue} for waiting,
 * {@code taskDone}/{@code join} and shutdown.
 *
 * {@snippet :
 * var jobs = new PriorityQueue<Job>(Comparator.comparingInt(Job::priority));
 * }
 *
 * <p>Not to be confused with {@link java.util.PriorityQueue}, which tasks cannot wait on.
 *
 * <p><b>Serialization:</b> not {@link java.io.Serializable}, unlike the JDK's blocking queues: a
 * queue belongs to the tasks of a running program, and its waiters are not state that could be
 * restored. Copy the items out ({@code new ArrayList<>(queue)}) to persist them.
 *
 * @param <E> the item type
 */
public final class PriorityQueue<E> extends JoinableQueue<E> {
    /* How it works: a binary heap of entries ordered by the comparator, then by a sequence number
     * given at insertion, which keeps equal items in insertion order. */

    private record Entry<E>(E item, long sequence) {}

    private final java.util.PriorityQueue<Entry<E>> heap;   // guarded by point
    private final boolean natural;                           // no comparator: items Comparable
    private long nextSequence;                               // guarded by point

    /** Creates an unbounded queue of {@link Comparable} items, smallest first. */
    public PriorityQueue() {
        this(Integer.MAX_VALUE, null);
    }

    /** Creates an unbounded queue ordered by {@code comparator}, smallest first. */
    public PriorityQueue(Comparator<? super E> comparator) {
        this(Integer.MAX_VALUE, Objects.requireNonNull(comparator, "comparator"));
    }

    /**
     * Creates a queue of at most {@code capacity} items ordered by {@code comparator}, or by
     * their natural order if it is null.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    @SuppressWarnings("unchecked")
    public PriorityQueue(int capacity, Comparator<? super E> comparator) {
        super(capacity);
        this.natural = comparator == null;
        Comparator<? super E> order = comparator != null ? comparator
                : (a, b) -> ((Comparable<? super E>) a).compareTo(b);
        this.heap = new java.util.PriorityQueue<>(
                Comparator.<Entry<E>, E>comparing(Entry::item, order)
                        .thenComparingLong(Entry::sequence));
    }

    /**
     * {@inheritDoc}
     *
     * @throws ClassCastException if the queue has no comparator and the item is not
     *     {@link Comparable}
     */
    @Override
    public boolean offer(E item) {
        return super.offer(item);
    }

    /**
     * {@inheritDoc}
     *
     * @throws ClassCastException if the queue has no comparator and the item is not
     *     {@link Comparable}
     */
    @Override
    public void put(E item) throws InterruptedException {
        super.put(item);
    }

    /**
     * {@inheritDoc}
     *
     * @throws ClassCastException if the queue has no comparator and the item is not
     *     {@link Comparable}
     */
    @Override
    public boolean offer(E item, long timeout, java.util.concurrent.TimeUnit unit)
            throws InterruptedException {
        return super.offer(item, timeout, unit);
    }

    /** Refuses an item the natural order cannot compare, before it goes in (even the first). */
    @Override
    void checkItem(E item) {
        super.checkItem(item);
        if (natural && !(item instanceof Comparable<?>)) {
            throw new ClassCastException(item.getClass().getName() + " is not Comparable, and "
                    + "this PriorityQueue has no Comparator; give it one, or put Comparable "
                    + "items");
        }
    }

    @Override
    void store(E item) {
        heap.add(new Entry<>(item, nextSequence++));
    }

    @Override
    E unstore() {
        Entry<E> first = heap.poll();
        return first == null ? null : first.item();
    }

    @Override
    E peekStored() {
        Entry<E> first = heap.peek();
        return first == null ? null : first.item();
    }

    @Override
    int stored() {
        return heap.size();
    }

    @Override
    boolean removeStored(Object item) {
        return removeFirst(entry -> entry.item().equals(item));
    }

    @Override
    boolean removeStoredIdentical(Object item) {
        return removeFirst(entry -> entry.item() == item);
    }

    /** Removes one entry that {@code test} accepts: Collection.remove takes a single instance. */
    private boolean removeFirst(java.util.function.Predicate<Entry<E>> test) {
        for (var it = heap.iterator(); it.hasNext(); ) {
            if (test.test(it.next())) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    @Override
    void clearStored() {
        heap.clear();
    }

    /** The items in the order they would be taken. */
    @Override
    Object[] storedSnapshot() {
        return heap.stream().sorted(heap.comparator()).map(Entry::item).toArray();
    }
}
