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

import java.io.IOException;

/**
 * One entry a consumer took from a {@link RedisQueue}: its value, its stream id, and how many
 * times it has been delivered. The taker settles it with {@link #ack()} when the work is done,
 * or {@link #fail(Throwable)} when it is not; until then the consumer's lease on it is renewed.
 *
 * @param <T> the item type
 */
public final class Delivery<T> {
    private final RedisQueue<T> queue;
    private final String id;
    private final T value;
    private final long deliveries;
    private boolean settled;   // the loop only

    Delivery(RedisQueue<T> queue, String id, T value, long deliveries) {
        this.queue = queue;
        this.id = id;
        this.value = value;
        this.deliveries = deliveries;
    }

    RedisQueue<T> queue() {
        return queue;
    }

    /** Returns the item. */
    public T value() {
        return value;
    }

    /** Returns the entry's id in the stream, such as {@code 1733100000000-0}. */
    public String id() {
        return id;
    }

    /** Returns how many times the entry has been delivered, this time included (1 at first). */
    public long deliveries() {
        return deliveries;
    }

    /** Returns whether this is not the entry's first delivery. */
    public boolean isRedelivery() {
        return deliveries > 1;
    }

    /**
     * Acknowledges the entry ({@code XACK}): it is done and will not be delivered again.
     * Acknowledgements made by several tasks at once go to Redis together, in one round trip.
     * This is a cancellation point; a second call does nothing.
     */
    public void ack() throws IOException {
        if (!settled) {
            queue.acknowledge(this);
            settled = true;
        }
    }

    /**
     * Records that the work failed, with {@code failure}'s text, and gives the entry up: it is
     * claimable at once, and the next consumer to look for run-out leases takes it (each looks
     * at least every half lease, when a read brought nothing new, and this one at its next
     * take). The dead-letter stream gets it after the queue's {@code maxDeliveries}. This is a
     * cancellation point; once settled, it does nothing.
     */
    public void fail(Throwable failure) throws IOException {
        if (!settled) {
            queue.giveUp(this, failure);
            settled = true;
        }
    }

    /**
     * For a {@link QueueWorker}: acknowledges the entry in the background, with others, without
     * waiting for Redis; the worker waits for all of them when it closes.
     */
    void ackLater() {
        if (!settled) {
            settled = true;
            queue.acknowledgeLater(this);
        }
    }

    /** Returns whether {@link #ack()} or {@link #fail} was called. */
    public boolean isSettled() {
        return settled;
    }

    @Override
    public String toString() {
        return "Delivery[" + id + ", delivery " + deliveries + (settled ? ", settled" : "") + "]";
    }
}
