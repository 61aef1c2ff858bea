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

package dev.weft.sync;

/**
 * A mutual-exclusion lock for tasks that is not reentrant: Python's {@code threading.Lock} and
 * asyncio's {@code Lock}, with the full {@link java.util.concurrent.locks.Lock} contract. A task
 * waiting for it parks; the loop runs the others. Waiters get the lock in arrival order, and a
 * release hands it straight to the first of them.
 *
 * {@snippet :
 * var lock = new Lock("accounts");
 * lock.lock();
 * try {
 *     balance = read() + amount;
 *     write(balance);          // may block: other tasks run, but none enters here
 * } finally {
 *     lock.unlock();
 * }
 * }
 *
 * <p>Tasks of one loop never run at the same time, so they need a lock only around code that
 * blocks (I/O, sleeps, waits) while shared state is inconsistent.
 *
 * <p><b>Ownership:</b> the owner is the task that acquired the lock, or the thread when a plain
 * thread did. Only the owner may release it. A task that ends while holding it is reported to
 * its loop's exception handler, and the lock stays held: waiters for it then get a
 * {@link dev.weft.DeadlockException} naming the task, instead of waiting forever. With
 * {@code -Dweft.debug=true} the report also shows where the lock was acquired.
 *
 * <p><b>Deadlocks</b> are reported, not waited out: acquiring a {@code Lock} one already holds
 * with {@link #lock()} or {@link #lockInterruptibly()} ({@link #tryLock()} and
 * {@link #tryLock(long, java.util.concurrent.TimeUnit)} answer false instead),
 * or waiting in a cycle (task A waits for a lock held by B, which waits for a lock or task held
 * by A) throws {@link dev.weft.DeadlockException} in the task that closes the cycle (when two
 * tasks on different loops close it at the same instant, in both), with the cycle and the other
 * tasks' stacks in its message. Avoid them by taking locks in one global
 * order, by using {@link RLock} where code re-enters, or with {@link #tryLock(long,
 * java.util.concurrent.TimeUnit)}.
 *
 * <p><b>Thread safety:</b> thread-safe; tasks of several loops and plain threads may share it.
 * The fast path is an uncontended lock and unlock by tasks of one loop.
 *
 * <p><b>Serialization:</b> not {@link java.io.Serializable}, unlike the JDK's locks and
 * synchronizers: a primitive belongs to the tasks of a running program, and its waiters are not
 * state that could be restored. Serializing one fails with {@link
 * java.io.NotSerializableException}.
 */
public final class Lock extends OwnedLock {

    /** Creates an unlocked lock. */
    public Lock() {
        this(null);
    }

    /** Creates an unlocked lock whose name appears in messages and deadlock reports. */
    public Lock(String name) {
        super(name);
    }

    @Override
    boolean reentrant() {
        return false;
    }
}
