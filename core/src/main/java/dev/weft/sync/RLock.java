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

import dev.weft.internal.park.Party;

/**
 * A reentrant lock for tasks: Python's {@code threading.RLock}. The owning task may acquire it
 * again; it is free once released as many times as it was acquired. Everything else is as for
 * {@link Lock}: waiters in arrival order, hand-off on release, ownership by task, deadlock
 * reports instead of hangs, the full {@link java.util.concurrent.locks.Lock} contract.
 *
 * {@snippet :
 * var lock = new RLock();
 * void transfer(Account from, Account to, long amount) {
 *     lock.lock();
 *     try {
 *         withdraw(from, amount);    // withdraw() locks it too: fine with an RLock
 *         deposit(to, amount);
 *     } finally {
 *         lock.unlock();
 *     }
 * }
 * }
 *
 * <p><b>Thread safety:</b> thread-safe; tasks of several loops and plain threads may share it.
 *
 * <p><b>Serialization:</b> not {@link java.io.Serializable}, unlike the JDK's locks and
 * synchronizers: a primitive belongs to the tasks of a running program, and its waiters are not
 * state that could be restored. Serializing one fails with {@link
 * java.io.NotSerializableException}.
 */
public final class RLock extends OwnedLock {

    /** Creates an unlocked reentrant lock. */
    public RLock() {
        this(null);
    }

    /** Creates an unlocked reentrant lock whose name appears in messages and reports. */
    public RLock(String name) {
        super(name);
    }

    /** Returns how many times the caller holds the lock: zero if it does not hold it. */
    public int holdCount() {
        return holdsOf(Party.current());
    }

    @Override
    boolean reentrant() {
        return true;
    }
}
