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

/**
 * The waiters of one primitive, in arrival order (or newest first, for LIFO hand-offs). Not
 * thread-safe: every method must be called under the owning primitive's lock.
 *
 * <p>Not part of Weft's API.
 */
public final class WaitList {
    /* How it works: an intrusive doubly-linked list through Waiter.previous/next, so adding and
     * removing a waiter allocates nothing and removing a cancelled waiter from the middle costs
     * O(1). */

    private Waiter head;
    private Waiter tail;
    private int size;

    /** Creates an empty list. */
    public WaitList() {}

    /** Adds {@code waiter} at the end. */
    public void add(Waiter waiter) {
        waiter.previous = tail;
        waiter.next = null;
        if (tail == null) {
            head = waiter;
        } else {
            tail.next = waiter;
        }
        tail = waiter;
        waiter.linked = true;
        size++;
    }

    /** Removes {@code waiter} if it is still in the list; returns whether it was. */
    public boolean remove(Waiter waiter) {
        if (!waiter.linked) {
            return false;
        }
        if (waiter.previous == null) {
            head = waiter.next;
        } else {
            waiter.previous.next = waiter.next;
        }
        if (waiter.next == null) {
            tail = waiter.previous;
        } else {
            waiter.next.previous = waiter.previous;
        }
        waiter.previous = null;
        waiter.next = null;
        waiter.linked = false;
        size--;
        return true;
    }

    /** Returns the first waiter without removing it, or null. */
    public Waiter first() {
        return head;
    }

    /** Removes and returns the first waiter, or null if the list is empty. */
    public Waiter pollFirst() {
        Waiter first = head;
        if (first != null) {
            remove(first);
        }
        return first;
    }

    /**
     * Grants the first waiter that still waits, removing it and every abandoned waiter before
     * it; returns the granted waiter, or null if none was left.
     */
    public Waiter grantFirst(Object value) {
        Waiter waiter;
        while ((waiter = pollFirst()) != null) {
            if (waiter.grant(value)) {
                return waiter;
            }
        }
        return null;
    }

    /** Grants every waiter and empties the list; returns how many were granted. */
    public int grantAll(Object value) {
        int granted = 0;
        Waiter waiter;
        while ((waiter = pollFirst()) != null) {
            if (waiter.grant(value)) {
                granted++;
            }
        }
        return granted;
    }

    /** Wakes every waiter without granting it anything: each looks again at what it waits for. */
    public void nudgeAll() {
        for (Waiter w = head; w != null; w = w.next) {
            java.util.concurrent.locks.LockSupport.unpark(w.thread());
        }
    }

    /** Returns whether no waiter is in the list. */
    public boolean isEmpty() {
        return head == null;
    }

    /** Returns how many waiters are in the list, abandoned ones not yet removed included. */
    public int size() {
        return size;
    }
}
