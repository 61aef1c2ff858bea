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

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Iterates over a snapshot of a queue's items; {@code remove()} removes from the queue the very
 * item returned last, found by identity, since an equal item may stand before it.
 *
 * @param <E> the item type
 */
final class SnapshotIterator<E> implements Iterator<E> {
    private final JoinableQueue<E> queue;
    private final Object[] snapshot;
    private int next;
    private int last = -1;

    SnapshotIterator(JoinableQueue<E> queue, Object[] snapshot) {
        this.queue = queue;
        this.snapshot = snapshot;
    }

    @Override
    public boolean hasNext() {
        return next < snapshot.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E next() {
        if (next >= snapshot.length) {
            throw new NoSuchElementException();
        }
        last = next;
        return (E) snapshot[next++];
    }

    @Override
    public void remove() {
        if (last < 0) {
            throw new IllegalStateException("next() has not been called since the last remove()");
        }
        queue.removeIdentical(snapshot[last]);
        last = -1;
    }
}
