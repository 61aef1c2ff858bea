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

package dev.weft.redis;

import dev.weft.Weft;
import dev.weft.sync.Event;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls to Redis from many tasks of one loop, coalesced: while one batch is on its way, the
 * calls made meanwhile wait and then go together in the next, so that many producers or many
 * handlers pay one round trip for many entries instead of one each. Each caller still returns
 * only once its own call is through, with its own result (or fails with the reason it was not).
 *
 * @param <I> what one call sends
 * @param <R> what one call gets back
 */
final class Coalescer<I, R> {
    /** Sends one batch and returns one result per item, in order. */
    @FunctionalInterface
    interface Sender<I, R> {
        List<R> send(List<I> items) throws IOException;
    }

    /** One caller's call. */
    private static final class Ticket<I, R> {
        final I item;
        final Event changed = new Event();   // done, or the sender left: look again
        boolean done;
        R result;
        Throwable failure;

        Ticket(I item) {
            this.item = item;
        }
    }

    private final Sender<I, R> sender;
    private final int maxBatch;
    private final ArrayDeque<Ticket<I, R>> waiting = new ArrayDeque<>();   // the loop only
    private boolean sending;                                                // the loop only

    Coalescer(int maxBatch, Sender<I, R> sender) {
        this.maxBatch = maxBatch;
        this.sender = sender;
    }

    /**
     * Sends {@code item} in the next batch and returns its result once that batch is through.
     * This is a cancellation point: a caller cancelled while it waits may still have its call
     * made by the batch it was in.
     */
    R call(I item) throws IOException {
        var ticket = new Ticket<I, R>(item);
        waiting.add(ticket);
        while (!ticket.done) {
            if (!sending) {
                try {
                    sendAll(ticket);   // nobody is sending: this caller sends for everyone
                } catch (Throwable cancelled) {   // in the yield, before a batch took it
                    leave(ticket);
                    throw cancelled;
                }
            } else {
                ticket.changed.clear();
                try {
                    ticket.changed.await();
                } catch (Throwable cancelled) {
                    leave(ticket);
                    throw cancelled;
                }
            }
        }
        return switch (ticket.failure) {
            case null -> ticket.result;
            case IOException io -> throw io;
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> throw new IOException(ticket.failure);
        };
    }

    /**
     * A caller that stops waiting (it was cancelled): out of the queue if no batch took it yet,
     * and if it was asked to send next, the next one is asked instead.
     */
    private void leave(Ticket<I, R> ticket) {
        waiting.remove(ticket);
        Ticket<I, R> next = waiting.peek();
        if (!sending && next != null) {
            next.changed.set();
        }
    }

    /** Sends batches until nobody waits; whatever ends a batch ends it for all in it. */
    private void sendAll(Ticket<I, R> own) throws IOException {
        sending = true;
        try {
            while (!waiting.isEmpty()) {
                // The other tasks run first, as long as they bring more calls: those woken by
                // the last batch call again, and the batch takes them all, not one at a time.
                int before;
                do {
                    before = waiting.size();
                    Weft.yieldNow();
                } while (waiting.size() > before && waiting.size() < maxBatch);
                var batch = new ArrayList<Ticket<I, R>>(Math.min(waiting.size(), maxBatch));
                while (!waiting.isEmpty() && batch.size() < maxBatch) {
                    batch.add(waiting.poll());
                }
                var items = new ArrayList<I>(batch.size());
                batch.forEach(ticket -> items.add(ticket.item));
                List<R> results = null;
                Throwable failure = null;
                try {
                    results = sender.send(items);
                } catch (Throwable e) {   // each caller of the batch gets it
                    failure = e;
                }
                // The sender's own cancellation is its own: the others learn the batch was cut
                // short, and cannot know whether Redis applied it.
                Throwable forOthers = failure instanceof java.util.concurrent.CancellationException
                        ? new IOException("the batch this call was in was cut short when the "
                        + "task sending it was cancelled; Redis may or may not have applied it",
                        failure) : failure;
                for (int i = 0; i < batch.size(); i++) {
                    Ticket<I, R> ticket = batch.get(i);
                    ticket.failure = ticket == own ? failure : forOthers;
                    ticket.result = results == null ? null : results.get(i);
                    ticket.done = true;
                    ticket.changed.set();
                }
                if (failure != null) {
                    break;   // the next waiter sends the rest, or fails in its own right
                }
            }
        } finally {
            sending = false;
            Ticket<I, R> next = waiting.peek();
            if (next != null) {
                next.changed.set();   // it sends now
            }
        }
    }
}
