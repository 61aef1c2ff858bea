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

import dev.weft.internal.park.Home;

import dev.weft.internal.park.Party;

import dev.weft.internal.park.Parking;
import dev.weft.internal.park.WaitTarget;
import dev.weft.internal.park.Waiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One task's {@link JoinableQueue#select} over several queues: a wait target of its own, with one
 * waiter per queue sharing a single outcome, so exactly one queue can hand it an item.
 */
final class Selection implements WaitTarget {
    /* How it works: each round looks at the queues in order under each one's guard. A queue with
     * an item is taken from only after the shared waiter is abandoned (so no other queue can have
     * granted it); otherwise the round's waiter for that queue joins its consumers. If nothing
     * was found, the task parks until some queue grants a waiter, with the item or with the
     * shutdown marker; after a shutdown the round starts again without that queue. */

    private final List<JoinableQueue<?>> queues;

    private Selection(List<JoinableQueue<?>> queues) {
        this.queues = queues;
    }

    @SuppressWarnings("unchecked")
    static <E> Selected<E> select(List<? extends JoinableQueue<? extends E>> given) {
        Objects.requireNonNull(given, "queues");
        if (given.isEmpty()) {
            throw new IllegalArgumentException("select needs at least one queue");
        }
        given.forEach(queue -> Objects.requireNonNull(queue, "queues must not contain null"));
        Party me = Party.current();
        me.checkpoint();
        List<JoinableQueue<?>> live = new ArrayList<>(given);
        while (true) {
            live.removeIf(queue -> queue.isShutdown() && queue.isEmpty());
            if (live.isEmpty()) {
                throw new QueueShutdownException("every queue given to select is shut down and "
                        + "empty: " + given);
            }
            var selection = new Selection(List.copyOf(live));
            Object taken = selection.round(me);
            if (taken instanceof Selected<?> selected) {
                return (Selected<E>) selected;
            }
        }
    }

    /** One round; returns what was taken, or null if a queue shut down meanwhile. */
    private Object round(Party me) {
        var claim = new Waiter(me, this, 1);
        var registered = new ArrayList<Waiter>(queues.size());
        try {
            for (JoinableQueue<?> queue : queues) {
                synchronized (queue.point) {
                    queue.point.touch(me);
                    if (queue.hasItemLocked()) {
                        if (claim.abandon()) {
                            return new Selected<>(queue, queue.pollLocked());
                        }
                        break;   // another queue has granted the wait already
                    }
                    if (queue.isShutdown() || !claim.isWaiting()) {
                        continue;   // nothing to wait for here
                    }
                    Waiter waiter = claim.alsoOn(queue.point);
                    queue.takers.add(waiter);
                    registered.add(waiter);
                }
            }
            if (claim.isWaiting() && registered.isEmpty()) {
                return null;   // every queue shut down while we looked
            }
            if (claim.isWaiting()) {
                Parking.await(claim, -1);
            }
            Waiter granted = claim.grantedNode();
            if (granted == null || granted.item() == JoinableQueue.SHUT_DOWN) {
                return null;
            }
            return new Selected<>(queueOf(granted), granted.item());
        } finally {
            for (int i = 0; i < registered.size(); i++) {
                JoinableQueue<?> queue = queueOf(registered.get(i));
                synchronized (queue.point) {
                    queue.takers.remove(registered.get(i));
                }
            }
        }
    }

    private JoinableQueue<?> queueOf(Waiter waiter) {
        for (JoinableQueue<?> queue : queues) {
            if (queue.point == waiter.target()) {
                return queue;
            }
        }
        throw new AssertionError("a waiter of no selected queue: " + waiter);
    }

    @Override
    public boolean confinedTo(Home loop) {
        for (JoinableQueue<?> queue : queues) {
            if (!queue.point.confinedTo(loop)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "select over " + queues.stream().map(JoinableQueue::summary).toList();
    }
}
