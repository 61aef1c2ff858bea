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
 * Synchronisation primitives for tasks: {@link dev.weft.sync.Lock} (not reentrant),
 * {@link dev.weft.sync.RLock}, {@link dev.weft.sync.Semaphore},
 * {@link dev.weft.sync.BoundedSemaphore}, {@link dev.weft.sync.Event},
 * {@link dev.weft.sync.Condition} and {@link dev.weft.sync.Barrier}.
 *
 * <p>A task that waits on one of them parks, and its loop runs the other tasks. Every wait is a
 * {@linkplain dev.weft cancellation point}; waiters are served in arrival order, and a waiter
 * that is cancelled or times out leaves the primitive as if it had never come: no permit lost,
 * no ownership taken, no signal swallowed. Bound any wait with {@code Weft.timeout}.
 *
 * <p>All of them are thread-safe: tasks of several loops and plain threads may share them, and a
 * plain thread waits by blocking. The fast path is tasks of one loop.
 *
 * <p><b>Deadlocks are reported.</b> A task that would wait forever gets a
 * {@link dev.weft.DeadlockException} instead: when it closes a cycle of tasks waiting for each
 * other's locks or for each other to finish, or when it waits for a lock whose owner ended
 * without releasing it (waits with a timeout, or inside {@code Weft.timeout}, end by themselves
 * and are never reported). And while a loop runs a main task ({@code Weft.run}, {@code Loop.run}),
 * if the main and every other task wait on primitives and joins that only the loop's own tasks
 * could end, with no timer pending, every one of those waits fails with the report: as in Go,
 * where "all goroutines are asleep". A primitive counts as the loop's own while only tasks of the
 * loop that created it have used it; one created outside a task, or used by a plain thread or
 * another loop, never does.
 *
 * <p><b>Pitfall:</b> if a task hands a primitive it created to a plain thread or to a virtual
 * thread started with {@code Thread.ofVirtual()}, and waits for that thread to use it, create the
 * primitive outside the task instead, or touch it from the thread before the task waits:
 * otherwise the loop may see nothing left that could wake its tasks and report a deadlock.
 */
package dev.weft.sync;
