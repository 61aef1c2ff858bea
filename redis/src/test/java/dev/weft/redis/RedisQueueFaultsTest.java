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

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.test.RecordingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Randomized faults against the queue, counting every entry: handlers that fail at random, and
 * every client connection killed by the server again and again while three workers consume.
 * Each entry must end acknowledged or dead-lettered. An entry may be finished twice only as at
 * least once allows: its handler finished, and the acknowledgement was lost with a killed
 * connection.
 */
class RedisQueueFaultsTest {
    private static LocalRedisServer server;

    @BeforeAll
    static void startRedis() throws Exception {
        server = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyEntryEndsAcknowledgedOrDeadWhileConnectionsAreKilledAndHandlersFail() {
        for (long seed = 1; seed <= 3; seed++) {
            runWithFaults(seed);
        }
    }

    /**
     * Twenty seeds of 2,000 entries, in {@code ./weft stress}. A seed fixes the random choices
     * (faults, pauses), not the timing: {@code -Dweft.stress.seed=N -Dweft.stress.seeds=1} runs
     * one again.
     */
    @Test
    @Tag("stress")
    void manySeedsOfKilledConnectionsAndFailingHandlersLoseNothing() {
        long first = Long.getLong("weft.stress.seed", 100);
        int seeds = Integer.getInteger("weft.stress.seeds", 20);
        for (long seed = first; seed < first + seeds; seed++) {
            runWithFaults(seed, 2_000);
        }
    }

    private static void runWithFaults(long seed) {
        runWithFaults(seed, 600);
    }

    private static void runWithFaults(long seed, int entries) {
        String stream = "faults-" + seed;
        var random = new Random(seed);
        var reports = new RecordingHandler();
        Map<String, Integer> finished = new HashMap<>();
        Set<String> dead = new HashSet<>();
        int[] kills = {0};
        try (var loop = new Loop(reports.options())) {
            loop.run(() -> {
                var options = QueueOptions.defaults().withLease(Duration.ofMillis(400))
                        .withBlockFor(Duration.ofMillis(50)).withMaxDeliveries(4).withBatch(8);
                try (Redis admin = Redis.connect(server.config());
                        Redis redis = Redis.connect(server.config());
                        var producer = RedisQueue.open(redis, stream, "g", Codec.utf8(),
                                options)) {
                    var workers = new ArrayList<QueueWorker<String>>();
                    var queues = new ArrayList<RedisQueue<String>>();
                    for (int w = 0; w < 3; w++) {
                        var queue = RedisQueue.open(redis, stream, "g", Codec.utf8(), options);
                        queues.add(queue);
                        workers.add(queue.consume(4, delivery -> {
                            Weft.sleep(Duration.ofMillis(random.nextInt(3)));
                            if (delivery.value().endsWith("-poison")
                                    || random.nextInt(10) == 0) {
                                throw new IllegalStateException("fault in " + delivery.value());
                            }
                            finished.merge(delivery.value(), 1, Integer::sum);
                        }));
                    }
                    Task<Void> killer = Weft.spawn(() -> {
                        while (true) {
                            Weft.sleep(Duration.ofMillis(20 + random.nextInt(60)));
                            admin.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
                            kills[0]++;
                        }
                    });
                    for (int i = 0; i < entries; i++) {
                        producer.put("entry-" + i + (i % 100 == 7 ? "-poison" : ""));
                    }
                    Weft.timeout(Duration.ofSeconds(60), () -> {
                        producer.join();
                        return null;
                    });
                    killer.cancel();
                    killer.join();
                    for (var worker : workers) {
                        worker.close(Duration.ofSeconds(5));
                    }
                    @SuppressWarnings("unchecked")
                    var deadEntries = (List<Object>) redis.call("XRANGE",
                            producer.deadLetterStream(), "-", "+");
                    for (Object entry : deadEntries) {
                        var fields = (List<?>) ((List<?>) entry).get(1);
                        for (int f = 0; f < fields.size(); f += 2) {
                            if (new String((byte[]) fields.get(f)).equals("d")) {
                                dead.add(new String((byte[]) fields.get(f + 1)));
                            }
                        }
                    }
                    for (var queue : queues) {
                        queue.close();
                    }
                }
                return null;
            });
        }
        var all = new HashSet<String>();
        for (int i = 0; i < entries; i++) {
            all.add("entry-" + i + (i % 100 == 7 ? "-poison" : ""));
        }
        var ended = new HashSet<>(finished.keySet());
        ended.addAll(dead);
        assertThat(ended).as("seed %d: every entry finished or dead", seed).isEqualTo(all);
        assertThat(dead).as("seed %d: the poison entries are dead", seed)
                .allMatch(value -> value.endsWith("-poison") || !finished.containsKey(value))
                .contains("entry-7-poison", "entry-507-poison");
        assertThat(kills[0]).as("seed %d: connections were killed", seed).isPositive();
        // Reports are expected (handler faults, lost connections); each names what happened.
        assertThat(reports.messages()).allMatch(message -> !message.isBlank());
    }

    @Test
    void workersLoseNothingWhenRedisCrashesAndRestartsTwiceWhileTheyConsume() throws Exception {
        int entries = 400;
        Map<String, Integer> finished = new HashMap<>();
        try (var crashing = TestRedis.start("--appendonly", "yes", "--appendfsync", "always")) {
            Weft.run(() -> {
                var options = QueueOptions.defaults().withLease(Duration.ofMillis(500))
                        .withBlockFor(Duration.ofMillis(50));
                try (Redis redis = Redis.connect(crashing.config());
                        var producer = RedisQueue.open(redis, "crashes", "g", Codec.utf8(),
                                options);
                        var consumer = RedisQueue.open(redis, "crashes", "g", Codec.utf8(),
                                options)) {
                    var worker = consumer.consume(4, delivery -> {
                        Weft.sleep(Duration.ofMillis(1));
                        finished.merge(delivery.value(), 1, Integer::sum);
                    });
                    for (int i = 0; i < entries; i++) {
                        producer.put("entry-" + i);
                        if (i == 150 || i == 300) {
                            dev.weft.exec.Offload.run(() -> crashing.restart(true));
                        }
                    }
                    Weft.timeout(Duration.ofSeconds(60), () -> {
                        producer.join();
                        return null;
                    });
                    worker.close(Duration.ofSeconds(5));
                }
                return null;
            });
        }
        var all = new HashSet<String>();
        for (int i = 0; i < entries; i++) {
            all.add("entry-" + i);
        }
        assertThat(finished.keySet()).isEqualTo(all);
    }
}
