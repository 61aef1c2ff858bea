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

package dev.weft.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.process.Command;
import dev.weft.process.Subprocess;
import dev.weft.redis.Codec;
import dev.weft.redis.LocalRedisServer;
import dev.weft.redis.QueueSnapshot;
import dev.weft.redis.Redis;
import dev.weft.redis.RedisConfig;
import dev.weft.redis.RedisQueue;
import dev.weft.sync.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seed's producer–consumer across processes ("Queue: IPC ... redis, rabbitmq, kafka"): two
 * producer processes and three consumer processes share one durable queue on a Redis stream,
 * each process a JVM with a Weft loop of its own; items are JSON (Jackson). The consumers could
 * as well run on other machines: point them all at one Redis.
 *
 * <pre>
 * ./weft java DistributedQueue                      starts a redis-server of its own, runs all
 * ./weft java DistributedQueue --redis HOST:PORT    uses a Redis that is already running
 * ./weft java DistributedQueue consume HOST:PORT    one consumer, until stopped (run it on
 *                                                   several machines against one Redis)
 * ./weft java DistributedQueue produce HOST:PORT N  one producer of N orders
 * </pre>
 *
 * <p>Python: {@code q = Queue(); Process(target=producer, args=(q,)).start(); q.get()}, with
 * the queue in Redis instead of in the parent process.
 */
public final class DistributedQueue {
    static final String STREAM = "orders";
    static final String GROUP = "kitchen";
    static final int PRODUCERS = 2;
    static final int CONSUMERS = 3;
    static final int ORDERS_EACH = 40;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One order: what travels through the queue, as JSON. */
    public record Order(String producer, int number, String dish) {}

    /** The JSON codec for orders. */
    static final Codec<Order> ORDERS = Codec.of(order -> {
        try {
            return JSON.writeValueAsBytes(order);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }, bytes -> {
        try {
            return JSON.readValue(bytes, Order.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    private DistributedQueue() {}

    /** What the example found: orders handled per consumer process, and how many twice. */
    public record Outcome(Map<String, Integer> perConsumer, int handled, int twice) {}

    /** Runs the parts given by {@code args}; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("consume")) {
            consume(config(args[1]));
        } else if (args.length >= 3 && args[0].equals("produce")) {
            produce(config(args[1]), "producer", Integer.parseInt(args[2]));
        } else if (args.length == 2 && args[0].equals("--redis")) {
            run(new Transcript(System.out), config(args[1]));
        } else if (args.length == 0) {
            Outcome outcome = runWithOwnRedis(new Transcript(System.out));
            if (outcome == null) {
                System.exit(1);
            }
        } else {
            System.err.println("usage: DistributedQueue [--redis HOST:PORT] | consume HOST:PORT"
                    + " | produce HOST:PORT N");
            System.exit(2);
        }
    }

    /**
     * Starts a redis-server of its own (on 127.0.0.1, a free port, a temporary directory) and
     * runs the example against it; returns null, having said why, if redis-server is missing.
     */
    public static Outcome runWithOwnRedis(Transcript transcript) throws Exception {
        if (!LocalRedisServer.isInstalled()) {
            transcript.say("redis-server is not installed: apt-get install -y redis-server, "
                    + "or give --redis HOST:PORT");
            return null;
        }
        try (var server = LocalRedisServer.start("--appendonly", "yes")) {
            transcript.say("started redis-server on 127.0.0.1:" + server.port());
            return run(transcript, server.config());
        }
    }

    /** Runs the producers and consumers as child processes against the Redis of {@code config}. */
    public static Outcome run(Transcript transcript, RedisConfig config) {
        return Weft.run(() -> {
            String address = config.address();
            var consumers = new ArrayList<Subprocess>();
            var readers = new ArrayList<Task<Void>>();
            var handledBy = new TreeMap<String, Integer>();
            var seen = new java.util.HashSet<String>();
            int[] twice = {0};
            var allHandled = new Event();
            for (int i = 0; i < CONSUMERS; i++) {
                Subprocess consumer = child("consume", address);
                consumers.add(consumer);
                readers.add(Weft.spawn(() -> {
                    String line;
                    while ((line = consumer.stdout().readLine()) != null) {
                        String[] words = line.split(" ", 2);   // "<pid> <order key>"
                        handledBy.merge("consumer " + words[0], 1, Integer::sum);
                        if (!seen.add(words[1])) {
                            twice[0]++;
                        }
                        if (seen.size() == PRODUCERS * ORDERS_EACH) {
                            allHandled.set();
                        }
                    }
                }));
            }
            transcript.say("started " + CONSUMERS + " consumer processes");
            var producers = new ArrayList<Subprocess>();
            for (int i = 0; i < PRODUCERS; i++) {
                producers.add(child("produce", address, Integer.toString(ORDERS_EACH)));
            }
            transcript.say("started " + PRODUCERS + " producer processes, " + ORDERS_EACH
                    + " orders each");
            for (Subprocess producer : producers) {
                try (producer) {
                    if (producer.waitFor() != 0) {
                        throw new IllegalStateException("a producer failed: " + producer);
                    }
                }
            }
            try (Redis redis = Redis.connect(config);
                    var queue = RedisQueue.open(redis, STREAM, GROUP, ORDERS)) {
                queue.join();   // every order acknowledged by some consumer
                QueueSnapshot figures = queue.snapshot();
                transcript.say("every order acknowledged: " + figures.length() + " in the "
                        + "stream, " + figures.pending() + " pending, " + figures.undelivered()
                        + " undelivered, " + figures.deadLetters() + " dead, "
                        + figures.consumers() + " consumers in the group");
            }
            Weft.timeout(Duration.ofSeconds(30), () -> {
                allHandled.await();   // and each consumer's report of it read
                return null;
            });
            for (int i = 0; i < consumers.size(); i++) {
                consumers.get(i).terminate();
                readers.get(i).join();
            }
            handledBy.forEach((consumer, count) -> transcript.say(consumer + " handled "
                    + count));
            return new Outcome(handledBy, seen.size(), twice[0]);
        });
    }

    /** A consumer process: handles orders four at a time until it is stopped. */
    private static void consume(RedisConfig config) {
        long pid = ProcessHandle.current().pid();
        Weft.run(() -> {
            try (Redis redis = Redis.connect(config);
                    var queue = RedisQueue.open(redis, STREAM, GROUP, ORDERS);
                    var worker = queue.consume(4, delivery -> {
                        Order order = delivery.value();
                        Weft.sleep(Duration.ofMillis(20));   // cooking
                        System.out.println(pid + " " + order.producer() + "/" + order.number());
                    })) {
                worker.join();   // until the process is stopped
            }
            return null;
        });
    }

    /** A producer process: puts {@code count} orders. */
    private static void produce(RedisConfig config, String name, int count) {
        String producer = name + " " + ProcessHandle.current().pid();
        Weft.run(() -> {
            try (Redis redis = Redis.connect(config);
                    var queue = RedisQueue.open(redis, STREAM, GROUP, ORDERS)) {
                String[] dishes = {"noodles", "dumplings", "soup", "rice"};
                for (int i = 0; i < count; i++) {
                    queue.put(new Order(producer, i, dishes[i % dishes.length]));
                }
            }
            return null;
        });
    }

    private static Subprocess child(String... arguments) throws IOException {
        return Command.ofJava(DistributedQueue.class.getName(), arguments)
                .withStderr(Redirect.INHERIT).start();
    }

    private static RedisConfig config(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("a Redis address is HOST:PORT; got " + address);
        }
        return RedisConfig.of(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)));
    }
}
