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

package dev.weft.internal.park;

import java.util.ArrayList;
import java.util.List;

/**
 * The locks one task holds, so that a task ending while it holds some can be reported. Touched
 * only by the owning task's thread (and by its loop once the task has finished).
 *
 * <p>Not part of Weft's API.
 */
public final class HeldLocks {
    /* How it works: an intrusive doubly-linked list through the locks' wait points (a lock has
     * one owner at a time, so it is on one list at a time): taking and releasing a lock costs a
     * few field writes and no allocation, on the fast path of every lock and unlock. */

    private WaitPoint head;

    /** Creates an empty list. */
    public HeldLocks() {}

    /** The owner took {@code lock}; {@code site} is where, or null when sites are not recorded. */
    public void add(WaitPoint lock, Throwable site) {
        lock.heldPrevious = null;
        lock.heldNext = head;
        lock.heldSite = site;
        if (head != null) {
            head.heldPrevious = lock;
        }
        head = lock;
    }

    /** The owner released {@code lock}. */
    public void remove(WaitPoint lock) {
        if (lock.heldPrevious != null) {
            lock.heldPrevious.heldNext = lock.heldNext;
        } else if (head == lock) {
            head = lock.heldNext;
        } else {
            return;   // not on this list
        }
        if (lock.heldNext != null) {
            lock.heldNext.heldPrevious = lock.heldPrevious;
        }
        lock.heldPrevious = null;
        lock.heldNext = null;
        lock.heldSite = null;
    }

    /** Returns whether the owner holds no lock. */
    public boolean isEmpty() {
        return head == null;
    }

    /** Returns the locks held, most recent first. */
    public List<WaitPoint> locks() {
        var locks = new ArrayList<WaitPoint>();
        for (WaitPoint lock = head; lock != null; lock = lock.heldNext) {
            locks.add(lock);
        }
        return locks;
    }
}
