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

import java.util.ArrayDeque;

/**
 * The store of {@link FifoQueue} and {@link LifoQueue}: a deque taken from the front, to which
 * new items go at the back (FIFO) or at the front (LIFO).
 *
 * @param <E> the item type
 */
abstract sealed class DequeQueue<E> extends JoinableQueue<E> permits FifoQueue, LifoQueue {
    /** Where a new item goes. */
    enum End { BACK, FRONT }

    private final ArrayDeque<E> items = new ArrayDeque<>();   // guarded by point
    private final End newItems;

    DequeQueue(int capacity, End newItems) {
        super(capacity);
        this.newItems = newItems;
    }

    @Override
    final void store(E item) {
        if (newItems == End.BACK) {
            items.addLast(item);
        } else {
            items.addFirst(item);
        }
    }

    @Override
    final E unstore() {
        return items.pollFirst();
    }

    @Override
    final E peekStored() {
        return items.peekFirst();
    }

    @Override
    final int stored() {
        return items.size();
    }

    @Override
    final boolean removeStored(Object item) {
        return items.removeFirstOccurrence(item);
    }

    @Override
    final boolean removeStoredIdentical(Object item) {
        for (var it = items.iterator(); it.hasNext(); ) {
            if (it.next() == item) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    @Override
    final void clearStored() {
        items.clear();
    }

    @Override
    final Object[] storedSnapshot() {
        return items.toArray();
    }
}
