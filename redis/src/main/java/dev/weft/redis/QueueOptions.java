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

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RedisQueue} delivers: the lease a consumer holds on an entry it took, how many
 * deliveries an entry gets before it goes to the dead-letter stream, and how many entries one
 * read takes. Immutable; the {@code with} methods return changed copies.
 *
 * @param lease how long an entry taken by a consumer that stops renewing (it died, stalled or
 *     lost its connection) stays its own before another consumer may take it; a live consumer
 *     renews it every third of the lease, so slow work is never stolen. Default 30 s.
 * @param maxDeliveries deliveries after which an entry that still fails goes to the dead-letter
 *     stream instead of being delivered again. Default 5.
 * @param batch how many entries one read from Redis takes at most. Default 16.
 * @param blockFor how long one blocking read waits on the server before the consumer looks for
 *     entries whose lease ran out. Default 1 s (Redis's clock, not the loop's).
 */
public record QueueOptions(Duration lease, int maxDeliveries, int batch, Duration blockFor) {
    /** Checks the options. */
    public QueueOptions {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(blockFor, "blockFor");
        if (lease.toMillis() < 3) {
            throw new IllegalArgumentException("the lease must be at least 3 ms; got " + lease);
        }
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be at least 1; got "
                    + maxDeliveries);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1; got " + batch);
        }
        if (blockFor.toMillis() < 1) {
            throw new IllegalArgumentException("blockFor must be at least 1 ms; got " + blockFor);
        }
    }

    /** The defaults: a 30 s lease, 5 deliveries, batches of 16, reads blocking 1 s. */
    public static QueueOptions defaults() {
        return new QueueOptions(Duration.ofSeconds(30), 5, 16, Duration.ofSeconds(1));
    }

    /** These options with another lease. */
    public QueueOptions withLease(Duration lease) {
        return new QueueOptions(lease, maxDeliveries, batch, blockFor);
    }

    /** These options with another number of deliveries before the dead-letter stream. */
    public QueueOptions withMaxDeliveries(int maxDeliveries) {
        return new QueueOptions(lease, maxDeliveries, batch, blockFor);
    }

    /** These options with another batch size. */
    public QueueOptions withBatch(int batch) {
        return new QueueOptions(lease, maxDeliveries, batch, blockFor);
    }

    /** These options with another blocking time per read. */
    public QueueOptions withBlockFor(Duration blockFor) {
        return new QueueOptions(lease, maxDeliveries, batch, blockFor);
    }
}
