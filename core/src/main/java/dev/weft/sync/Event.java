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

import dev.weft.internal.park.Parking;
import dev.weft.internal.park.WaitList;
import dev.weft.internal.park.WaitPoint;
import java.util.concurrent.CancellationException;

/**
 * A flag that tasks can wait for: Python's {@code threading.Event} and asyncio's {@code Event}.
 * {@link #set()} wakes every waiting task, and later waits return at once until
 * {@link #clear()}.
 *
 * {@snippet :
 * var started = new Event();
 * Weft.spawn(() -> { openConnections(); started.set(); serve(); });
 * started.await();                       // parks until the server is ready
 * }
 *
 * <p><b>Thread safety:</b> thread-safe; tasks of several loops and plain threads may share it.
 *
 * <p><b>Serialization:</b> not {@link java.io.Serializable}, unlike the JDK's locks and
 * synchronizers: a primitive belongs to the tasks of a running program, and its waiters are not
 * state that could be restored. Serializing one fails with {@link
 * java.io.NotSerializableException}.
 */
public final class Event {
    private final WaitPoint point = new WaitPoint(this);
    private final WaitList waiters = new WaitList();   // guarded by point
    private volatile boolean set;                      // written under point

    /** Creates an event that is not set. */
    public Event() {}

    /** Sets the flag and wakes every waiting task. Never blocks. */
    public void set() {
        Party me = Party.current();
        synchronized (point) {
            point.touch(me);
            set = true;
            waiters.grantAll(null);
        }
    }

    /** Clears the flag, so that later waits wait for the next {@link #set()}. */
    public void clear() {
        Party me = Party.current();
        synchronized (point) {
            point.touch(me);
            set = false;
        }
    }

    /** Returns whether the flag is set. */
    public boolean isSet() {
        return set;
    }

    /**
     * Waits until the flag is set; returns at once if it is. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws CancellationException if the caller is cancelled
     */
    public void await() {
        point.awaitUntil(() -> set, waiters, -1);
    }

    /** Returns how many tasks or threads wait for the flag. */
    public int waiting() {
        synchronized (point) {
            return waiters.size();
        }
    }

    @Override
    public String toString() {
        return "Event[" + (set ? "set" : "not set") + ", " + waiting() + " waiting]";
    }
}
