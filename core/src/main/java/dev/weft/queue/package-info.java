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

/**
 * Queues that tasks wait on: {@link dev.weft.queue.FifoQueue}, {@link dev.weft.queue.LifoQueue}
 * and {@link dev.weft.queue.PriorityQueue}, bounded or not, each a full
 * {@link java.util.concurrent.BlockingQueue} with Python's {@code taskDone()}/{@code join()} and
 * {@code shutdown()} (see {@link dev.weft.queue.JoinableQueue}), and
 * {@link dev.weft.queue.JoinableQueue#select select} to take from whichever of several queues
 * has an item first.
 *
 * <p>The producer–consumer pattern: producers {@code put}, consumers {@code take} and call
 * {@code taskDone()}; the producer side calls {@code join()} to learn that all work is done and
 * {@code shutdown()} to end the consumers, whose {@code take()} then throws
 * {@link dev.weft.queue.QueueShutdownException}.
 *
 * <p>Queues are thread-safe, and are how tasks of different loops hand work to each other. A
 * wait on a queue that only tasks of the waiter's loop have used counts towards deadlock
 * detection and the virtual clock as {@code dev.weft.sync} describes.
 */
package dev.weft.queue;
