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

/**
 * A last-in, first-out queue (a stack) for tasks: Python's {@code queue.LifoQueue} and asyncio's
 * {@code LifoQueue}; the item put last is taken first. See {@link JoinableQueue} for waiting,
 * {@code taskDone}/{@code join} and shutdown.
 *
 * <p><b>Serialization:</b> not {@link java.io.Serializable}, unlike the JDK's blocking queues: a
 * queue belongs to the tasks of a running program, and its waiters are not state that could be
 * restored. Copy the items out ({@code new ArrayList<>(queue)}) to persist them.
 *
 * @param <E> the item type
 */
public final class LifoQueue<E> extends DequeQueue<E> {

    /** Creates an unbounded queue. */
    public LifoQueue() {
        this(Integer.MAX_VALUE);
    }

    /**
     * Creates a queue that holds at most {@code capacity} items; 0 makes a rendezvous, where a
     * put waits for a take.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public LifoQueue(int capacity) {
        super(capacity, End.FRONT);
    }
}
