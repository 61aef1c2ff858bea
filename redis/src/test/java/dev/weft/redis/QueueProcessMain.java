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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A producer or consumer process of a {@link RedisQueue}, for the tests that kill processes:
 *
 * <pre>
 * QueueProcessMain produce PORT STREAM PREFIX COUNT     puts PREFIX-0 .. PREFIX-(COUNT-1)
 * QueueProcessMain consume PORT STREAM WORK_MS LEASE_MS takes, prints "took V", works, acks,
 *                                                       prints "acked V"; "idle" when the queue
 *                                                       has been empty for a second
 * </pre>
 */
public final class QueueProcessMain {
    private QueueProcessMain() {}

    /** Runs the mode given by the arguments. */
    public static void main(String[] args) {
        RedisConfig config = RedisConfig.of("127.0.0.1", Integer.parseInt(args[1]));
        String stream = args[2];
        Weft.run(() -> {
            try (Redis redis = Redis.connect(config)) {
                switch (args[0]) {
                    case "produce" -> produce(redis, stream, args[3], Integer.parseInt(args[4]));
                    case "consume" -> consume(redis, stream, Duration.ofMillis(
                            Long.parseLong(args[3])), Duration.ofMillis(Long.parseLong(args[4])));
                    default -> throw new IllegalArgumentException("mode " + args[0]);
                }
            }
            return null;
        });
    }

    private static void produce(Redis redis, String stream, String prefix, int count)
            throws Exception {
        try (var queue = RedisQueue.open(redis, stream, "workers", Codec.utf8())) {
            var batch = new ArrayList<String>();
            for (int i = 0; i < count; i++) {
                batch.add(prefix + "-" + i);
                if (batch.size() == 50 || i == count - 1) {
                    queue.putAll(List.copyOf(batch));
                    batch.clear();
                }
            }
        }
        System.out.println("produced " + count);
    }

    private static void consume(Redis redis, String stream, Duration work, Duration lease)
            throws Exception {
        var options = QueueOptions.defaults().withLease(lease).withBlockFor(Duration.ofMillis(100))
                .withBatch(4);
        try (var queue = RedisQueue.open(redis, stream, "workers", Codec.utf8(), options)) {
            long emptySince = System.nanoTime();
            while (true) {
                Delivery<String> delivery = queue.poll(Duration.ofMillis(100));
                if (delivery == null) {
                    if (System.nanoTime() - emptySince > Duration.ofSeconds(1).toNanos()) {
                        System.out.println("idle");
                        emptySince = System.nanoTime();
                    }
                    continue;
                }
                emptySince = System.nanoTime();
                System.out.println("took " + delivery.value());
                if (!work.isZero()) {
                    Weft.sleep(work);
                }
                delivery.ack();
                System.out.println("acked " + delivery.value());
            }
        }
    }
}
