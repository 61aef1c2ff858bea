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

import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.process.Command;
import dev.weft.process.Subprocess;
import dev.weft.sync.Event;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Producers and consumers as real processes, some of them killed with SIGKILL mid-job. */
class RedisQueueProcessesTest {
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

    private static Command process(String... arguments) {
        var argv = new ArrayList<String>();
        argv.add(arguments[0]);
        argv.add(Integer.toString(server.port()));
        argv.addAll(List.of(arguments).subList(1, arguments.length));
        return Command.ofJava(QueueProcessMain.class.getName(), argv.toArray(String[]::new))
                .withStderr(Redirect.INHERIT);
    }

    /** What a consumer process said: values it took, values it acknowledged. */
    private record Said(List<String> took, List<String> acked) {}

    /**
     * Reads a consumer's lines until {@code enough} says the acknowledgements seen so far are
     * all that is expected, or its output ends; kills it with SIGKILL once it has taken
     * {@code killAfterTaking} (never, if negative).
     */
    private static Said read(Subprocess consumer, int killAfterTaking,
            java.util.function.Predicate<List<String>> enough) throws Exception {
        var took = new ArrayList<String>();
        var acked = new ArrayList<String>();
        String line;
        while (!enough.test(acked) && (line = consumer.stdout().readLine()) != null) {
            if (line.startsWith("took ")) {
                took.add(line.substring(5));
                if (took.size() == killAfterTaking) {
                    consumer.kill();   // mid-job: it took, and never acknowledged
                }
            } else if (line.startsWith("acked ")) {
                acked.add(line.substring(6));
            }
        }
        return new Said(took, acked);
    }

    @Test
    void entriesOfAConsumerKilledMidJobAreProcessedByAnotherAndNoneIsLost() throws Exception {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            expected.add("job-" + i);
        }
        Map<String, Integer> ackCounts = Weft.run(() -> {
            try (Subprocess producer = process("produce", "killed", "job", "60").start()) {
                assertThat(producer.waitFor()).isZero();
            }
            Said victim;
            try (Subprocess doomed = process("consume", "killed", "50", "800").start()) {
                victim = read(doomed, 10, acked -> false);
                doomed.waitFor();
            }
            Said survivor;
            try (Subprocess rescuer = process("consume", "killed", "0", "800").start()) {
                var rest = new HashSet<>(expected);
                victim.acked().forEach(rest::remove);
                survivor = Weft.timeout(java.time.Duration.ofSeconds(60),
                        () -> read(rescuer, -1, acked -> acked.containsAll(rest)));
                rescuer.terminate();
            }
            var counts = new HashMap<String, Integer>();
            victim.acked().forEach(value -> counts.merge(value, 1, Integer::sum));
            survivor.acked().forEach(value -> counts.merge(value, 1, Integer::sum));
            // What the victim took and never acknowledged went to the survivor.
            var lostByVictim = new HashSet<>(victim.took());
            victim.acked().forEach(lostByVictim::remove);
            assertThat(lostByVictim).isNotEmpty();
            assertThat(survivor.took()).containsAll(lostByVictim);
            return counts;
        });
        assertThat(ackCounts.keySet()).isEqualTo(expected);
        // Each entry is acknowledged once: the only duplicates at-least-once allows are work
        // done but not acknowledged before the kill, and those were not acknowledged.
        assertThat(ackCounts.values()).allMatch(count -> count == 1);
    }

    @Test
    void tenProducerAndTenConsumerProcessesAccountForEveryEntry() throws Exception {
        int producers = 10;
        int perProducer = 200;
        Map<String, Integer> acks = Weft.run(() -> {
            var consumerTasks = new ArrayList<Task<Said>>();
            var consumers = new ArrayList<Subprocess>();
            var ackedEverywhere = new HashMap<String, Integer>();
            var allAcked = new Event();
            int total = producers * perProducer;
            for (int i = 0; i < 10; i++) {
                Subprocess consumer = process("consume", "crowd", "0", "5000").start();
                consumers.add(consumer);
                int[] counted = {0};
                consumerTasks.add(Weft.spawn(() -> read(consumer, -1, acked -> {
                    while (counted[0] < acked.size()) {
                        ackedEverywhere.merge(acked.get(counted[0]++), 1, Integer::sum);
                    }
                    if (ackedEverywhere.values().stream().mapToInt(Integer::intValue).sum()
                            >= total) {
                        allAcked.set();
                    }
                    return allAcked.isSet();
                })));
            }
            var producerRuns = new ArrayList<Task<Integer>>();
            for (int p = 0; p < producers; p++) {
                String prefix = "p" + p;
                producerRuns.add(Weft.spawn(() -> {
                    try (Subprocess producer = process("produce", "crowd", prefix,
                            Integer.toString(perProducer)).start()) {
                        return producer.waitFor();
                    }
                }));
            }
            for (Task<Integer> run : producerRuns) {
                assertThat(run.result()).isZero();
            }
            try (Redis redis = Redis.connect(server.config());
                    var queue = RedisQueue.open(redis, "crowd", "workers", Codec.utf8())) {
                queue.join();   // every entry acknowledged by some consumer process
            }
            Weft.timeout(java.time.Duration.ofSeconds(60), () -> {
                allAcked.await();   // and each consumer's word for it read
                return null;
            });
            var counts = new HashMap<String, Integer>();
            for (int i = 0; i < consumers.size(); i++) {
                consumerTasks.get(i).cancel();
                consumers.get(i).terminate();
                consumerTasks.get(i).join();
            }
            counts.putAll(ackedEverywhere);
            return counts;
        });
        assertThat(acks).hasSize(producers * perProducer);
        assertThat(acks.values()).allMatch(count -> count == 1);
    }
}
