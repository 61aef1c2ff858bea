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

package dev.weft.bench;

import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.redis.Codec;
import dev.weft.redis.Delivery;
import dev.weft.redis.Redis;
import dev.weft.redis.RedisConfig;
import dev.weft.redis.RedisQueue;
import java.io.IOException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.FutureTask;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * W8: a durable queue through one Redis. A producer puts {@code n} entries of 32 bytes on a
 * fresh stream while a consumer of a consumer group takes and acknowledges them, one at a time;
 * the figures are the wall time of the whole put and consume, and each entry's latency from its
 * put to its ack (the put's {@link System#nanoTime()} is the entry's text). Every variant uses
 * the same layout: {@code XADD} with field {@code d}, one entry per {@code XADD};
 * {@code XREADGROUP COUNT 16 BLOCK 1000}; one {@code XACK} per entry.
 */
final class RedisQueueWorkloads {
    private static final String HOST = "127.0.0.1";
    private static final String GROUP = "w8";
    private static final String CONSUMER = "w8-consumer";
    private static final int BATCH = 16;
    private static final int PRODUCER_TASKS = 16;
    private static final int BLOCK_MILLIS = 1_000;
    private static final int ENTRY_BYTES = 32;
    private static final int STAMP_DIGITS = 20;
    private static final String PADDING = ".".repeat(ENTRY_BYTES - STAMP_DIGITS);

    private RedisQueueWorkloads() {}

    /** How W8 reaches Redis. */
    enum Variant {
        /** Weft's RedisQueue on one loop: a producer task that puts, the main task takes and acks. */
        WEFT,
        /**
         * Weft's RedisQueue as a Weft program would use it: 16 producer tasks and
         * {@code consume(16, ...)}, whose puts and acks the queue coalesces into shared round
         * trips.
         */
        WEFT_TASKS,
        /**
         * Weft's RedisQueue in the hand-pipelined Jedis shape: one producer task putting 16 at
         * a time with {@code putAll}, and one handler ({@code consume(1, ...)}) taking the
         * entries of each read of 16 in turn, acknowledged together.
         */
        WEFT_PIPELINED,
        /**
         * The hand-pipelined shape on a {@code LoopGroup} of two loops, one per core as the
         * Java clients get two threads: the producer on one, the consumer on the other.
         */
        WEFT_TWO_LOOPS,
        /**
         * Jedis on two platform threads, pipelined by hand: XADDs in pipelines of 16, and one
         * XACK of every entry a read returned.
         */
        JEDIS_PIPELINED,
        /** Jedis on two platform threads, each with its own connection. */
        JEDIS,
        /** Lettuce's sync API on two platform threads, each with its own connection. */
        LETTUCE;

        boolean isWeft() {
            return this == WEFT || this == WEFT_TASKS || this == WEFT_PIPELINED
                    || this == WEFT_TWO_LOOPS;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Variant parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** What one run measured, in nanoseconds: the wall time, and the p50 and p99 latency. */
    record Figures(long wallNanos, long p50Nanos, long p99Nanos) {}

    /** Runs {@code variant} once against the Redis on 127.0.0.1:{@code port}, with a new stream. */
    static Figures run(Variant variant, int port, int n) throws Exception {
        String stream = "w8-" + variant.label() + "-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime();
        return switch (variant) {
            case WEFT -> weft(port, stream, n);
            case WEFT_TASKS -> weftTasks(port, stream, n, false);
            case WEFT_PIPELINED -> weftTasks(port, stream, n, true);
            case WEFT_TWO_LOOPS -> weftOnTwoLoops(port, stream, n);
            case JEDIS -> jedis(port, stream, n, false);
            case JEDIS_PIPELINED -> jedis(port, stream, n, true);
            case LETTUCE -> lettuce(port, stream, n);
        };
    }

    /**
     * Puts one entry at a time (put, not putAll, as the others send one XADD each). RedisQueue's
     * ack sends XACK and an HDEL of the entry's failure record in one round trip, so Redis does
     * a little more work per entry here than for the others.
     */
    private static Figures weftOnTwoLoops(int port, String stream, int n) throws Exception {
        var config = RedisConfig.of(HOST, port);
        try (var loops = new dev.weft.exec.LoopGroup(2)) {
            Task<Void> setUp = loops.loops().get(0).spawn(() -> {   // the group, before both
                try (Redis redis = Redis.connect(config)) {
                    RedisQueue.open(redis, stream, GROUP, Codec.utf8()).close();
                }
            });
            setUp.result();
            long start = System.nanoTime();
            Task<Void> producer = loops.loops().get(0).spawn(() -> {
                try (Redis redis = Redis.connect(config);
                        RedisQueue<String> queue = RedisQueue.open(redis, stream, GROUP,
                                Codec.utf8())) {
                    putInBatches(queue, n);
                }
            });
            Task<long[]> consumer = loops.loops().get(1).spawn(() -> {
                try (Redis redis = Redis.connect(config);
                        RedisQueue<String> queue = RedisQueue.open(redis, stream, GROUP,
                                Codec.utf8())) {
                    long[] latencies = consumeAll(queue, n, 1, List.of());
                    redis.call("DEL", stream);
                    return latencies;
                }
            });
            producer.result();
            long[] latencies = consumer.result();
            return figures(System.nanoTime() - start, latencies);
        }
    }

    private static Figures weftTasks(int port, String stream, int n, boolean putAll) {
        return Weft.run(() -> {
            try (Redis redis = Redis.connect(RedisConfig.of(HOST, port));
                    RedisQueue<String> queue = RedisQueue.open(redis, stream, GROUP,
                            Codec.utf8())) {
                long start = System.nanoTime();
                var producers = new java.util.ArrayList<Task<Void>>();
                if (putAll) {
                    producers.add(Weft.spawn("producer", () -> putInBatches(queue, n)));
                }
                for (int p = 0; p < (putAll ? 0 : PRODUCER_TASKS); p++) {
                    int share = n / PRODUCER_TASKS + (p < n % PRODUCER_TASKS ? 1 : 0);
                    producers.add(Weft.spawn("producer " + p, () -> {
                        for (int i = 0; i < share; i++) {
                            queue.put(stamped(System.nanoTime()));
                        }
                    }));
                }
                long[] latencies = consumeAll(queue, n, putAll ? 1 : BATCH, producers);
                long wall = System.nanoTime() - start;
                redis.call("DEL", stream);
                return figures(wall, latencies);
            }
        });
    }

    /** Puts {@code n} stamped entries, {@link #BATCH} at a time with {@code putAll}. */
    private static void putInBatches(RedisQueue<String> queue, int n) throws IOException {
        for (int i = 0; i < n; i += BATCH) {
            var items = new java.util.ArrayList<String>(BATCH);
            for (int j = i; j < Math.min(n, i + BATCH); j++) {
                items.add(stamped(System.nanoTime()));
            }
            queue.putAll(items);
        }
    }

    /**
     * Consumes {@code n} entries with a worker of {@code handlers}, once {@code producers}
     * have ended; returns each entry's latency from put to its handler.
     */
    private static long[] consumeAll(RedisQueue<String> queue, int n, int handlers,
            List<Task<Void>> producers) throws IOException {
        long[] latencies = new long[n];
        int[] done = {0};
        var allDone = new dev.weft.sync.Event();
        try (var worker = queue.consume(handlers, delivery -> {
            // The worker acknowledges once this returns, with other entries together.
            latencies[done[0]++] = System.nanoTime() - sentAt(delivery.value());
            if (done[0] == n) {
                allDone.set();
            }
        })) {
            producers.forEach(Task::result);
            allDone.await();
        }
        return latencies;
    }

    private static Figures weft(int port, String stream, int n) {
        return Weft.run(() -> {
            try (Redis redis = Redis.connect(RedisConfig.of(HOST, port));
                    RedisQueue<String> queue = RedisQueue.open(redis, stream, GROUP,
                            Codec.utf8())) {
                long[] latencies = new long[n];
                long start = System.nanoTime();
                Task<Void> producer = Weft.spawn("producer", () -> {
                    for (int i = 0; i < n; i++) {
                        queue.put(stamped(System.nanoTime()));
                    }
                });
                for (int i = 0; i < n; i++) {
                    Delivery<String> delivery = queue.take();
                    delivery.ack();
                    latencies[i] = System.nanoTime() - sentAt(delivery.value());
                }
                producer.result();
                long wall = System.nanoTime() - start;
                redis.call("DEL", stream);
                return figures(wall, latencies);
            }
        });
    }

    /**
     * A plain {@code Jedis} per thread rather than a {@code JedisPool}: a pool with its default
     * maxWait livelocks when its users share one carrier, which platform threads never do, but
     * a connection of one's own is still the fastest fair setup, as it skips the pool's borrow
     * and return.
     *
     * <p>The producer sends one {@code XADD} at a time, or pipelines of {@link #BATCH}; the
     * consumer acknowledges each entry, or each read's entries in one {@code XACK}.
     */
    private static Figures jedis(int port, String stream, int n, boolean pipelined)
            throws Exception {
        try (Jedis producing = new Jedis(HOST, port); Jedis consuming = new Jedis(HOST, port)) {
            consuming.xgroupCreate(stream, GROUP, new StreamEntryID(), true);
            var read = XReadGroupParams.xReadGroupParams().count(BATCH).block(BLOCK_MILLIS);
            var undelivered = Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY);
            long[] latencies = new long[n];
            long start = System.nanoTime();
            FutureTask<Void> producer = onPlatformThread(() -> {
                if (!pipelined) {
                    for (int i = 0; i < n; i++) {
                        producing.xadd(stream, StreamEntryID.NEW_ENTRY,
                                Map.of("d", stamped(System.nanoTime())));
                    }
                    return;
                }
                for (int i = 0; i < n; i += BATCH) {
                    try (var pipeline = producing.pipelined()) {
                        for (int j = i; j < Math.min(n, i + BATCH); j++) {
                            pipeline.xadd(stream, StreamEntryID.NEW_ENTRY,
                                    Map.of("d", stamped(System.nanoTime())));
                        }
                        pipeline.sync();
                    }
                }
            });
            for (int done = 0; done < n; ) {
                var reply = consuming.xreadGroup(GROUP, CONSUMER, read, undelivered);
                if (reply == null) {
                    continue;   // the block ran out with nothing new
                }
                for (var streamEntries : reply) {
                    var entries = streamEntries.getValue();
                    if (pipelined) {
                        consuming.xack(stream, GROUP, entries.stream().map(StreamEntry::getID)
                                .toArray(StreamEntryID[]::new));
                    }
                    for (StreamEntry entry : entries) {
                        if (!pipelined) {
                            consuming.xack(stream, GROUP, entry.getID());
                        }
                        latencies[done++] = System.nanoTime() - sentAt(entry.getFields().get("d"));
                    }
                }
            }
            producer.get();
            long wall = System.nanoTime() - start;
            consuming.del(stream);
            return figures(wall, latencies);
        }
    }

    /**
     * Two connections, because a blocking XREADGROUP holds its connection until it returns: a
     * producer sharing it would wait behind every read.
     */
    private static Figures lettuce(int port, String stream, int n) throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create(HOST, port));
        try (StatefulRedisConnection<String, String> producerConnection = client.connect();
                StatefulRedisConnection<String, String> consumerConnection = client.connect()) {
            RedisCommands<String, String> producing = producerConnection.sync();
            RedisCommands<String, String> consuming = consumerConnection.sync();
            consuming.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), GROUP,
                    XGroupCreateArgs.Builder.mkstream());
            var read = new XReadArgs().count(BATCH).block(BLOCK_MILLIS);
            var undelivered = XReadArgs.StreamOffset.lastConsumed(stream);
            var consumer = io.lettuce.core.Consumer.from(GROUP, CONSUMER);
            long[] latencies = new long[n];
            long start = System.nanoTime();
            FutureTask<Void> producer = onPlatformThread(() -> {
                for (int i = 0; i < n; i++) {
                    producing.xadd(stream, Map.of("d", stamped(System.nanoTime())));
                }
            });
            for (int done = 0; done < n; ) {
                @SuppressWarnings("unchecked")   // Lettuce's varargs of a generic type
                List<StreamMessage<String, String>> messages =
                        consuming.xreadgroup(consumer, read, undelivered);
                for (StreamMessage<String, String> message : messages) {
                    consuming.xack(stream, GROUP, message.getId());
                    latencies[done++] = System.nanoTime() - sentAt(message.getBody().get("d"));
                }
            }
            producer.get();
            long wall = System.nanoTime() - start;
            consuming.del(stream);
            return figures(wall, latencies);
        } finally {
            client.shutdown();
        }
    }

    /** Starts {@code body} on a new platform thread; get() rethrows what it threw. */
    private static FutureTask<Void> onPlatformThread(dev.weft.Action body) {
        var task = new FutureTask<Void>(() -> {
            body.run();
            return null;
        });
        Thread.ofPlatform().name("w8 producer").start(task);
        return task;
    }

    /** An entry of 32 bytes: {@code nanos} as 20 digits, then padding. */
    static String stamped(long nanos) {
        String digits = Long.toString(nanos);
        return "0".repeat(STAMP_DIGITS - digits.length()) + digits + PADDING;
    }

    /** The put time written by {@link #stamped}. */
    static long sentAt(String entry) {
        return Long.parseLong(entry, 0, STAMP_DIGITS, 10);
    }

    private static Figures figures(long wallNanos, long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Figures(wallNanos, sorted[(sorted.length - 1) / 2],
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1]);
    }
}
