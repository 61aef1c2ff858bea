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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.queue.QueueShutdownException;
import dev.weft.test.RecordingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisQueueTest {
    private static LocalRedisServer server;
    private static int streams;

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

    private static String freshStream() {
        return "test-stream-" + (++streams);
    }

    private static QueueOptions quick() {
        return QueueOptions.defaults().withLease(Duration.ofMillis(300))
                .withBlockFor(Duration.ofMillis(50));
    }

    @Test
    void everyItemPutIsTakenOnceAcrossTwoConsumersAndJoinSeesTheEnd() {
        String stream = freshStream();
        Map<String, Integer> seen = Weft.run(() -> {
            try (Redis redis = Redis.connect(server.config());
                    var producer = RedisQueue.open(redis, stream, "g", Codec.utf8(), quick());
                    var first = RedisQueue.open(redis, stream, "g", Codec.utf8(), quick());
                    var second = RedisQueue.open(redis, stream, "g", Codec.utf8(), quick())) {
                var counts = new HashMap<String, Integer>();
                var consumers = new ArrayList<Task<Void>>();
                for (var queue : List.of(first, second)) {
                    consumers.add(Weft.spawn(() -> {
                        while (true) {
                            Delivery<String> delivery = queue.take();
                            counts.merge(delivery.value(), 1, Integer::sum);
                            assertThat(delivery.deliveries()).isEqualTo(1);
                            delivery.ack();
                        }
                    }));
                }
                for (int i = 0; i < 500; i++) {
                    producer.put("item " + i);
                }
                producer.putAll(List.of("last a", "last b"));
                producer.join();
                for (Task<Void> consumer : consumers) {
                    consumer.cancel();
                    consumer.join();
                    assertThat(consumer.isCancelled()).isTrue();
                }
                QueueSnapshot snapshot = first.snapshot();
                assertThat(snapshot.pending()).isZero();
                assertThat(snapshot.undelivered()).isZero();
                assertThat(snapshot.length()).isEqualTo(502);
                assertThat(first.snapshot().acknowledged() + second.snapshot().acknowledged())
                        .isEqualTo(502);
                return counts;
            }
        });
        assertThat(seen).hasSize(502);
        assertThat(seen.values()).allMatch(count -> count == 1);
    }

    @Test
    void workSlowerThanTheLeaseIsNotTakenAway() {
        String stream = freshStream();
        List<String> handled = Weft.run(() -> {
            try (Redis redis = Redis.connect(server.config());
                    var a = RedisQueue.open(redis, stream, "g", Codec.utf8(), quick());
                    var b = RedisQueue.open(redis, stream, "g", Codec.utf8(), quick())) {
                var done = new ArrayList<String>();
                for (int i = 0; i < 6; i++) {
                    a.put("slow " + i);
                }
                var workers = new ArrayList<QueueWorker<String>>();
                for (var queue : List.of(a, b)) {
                    workers.add(queue.consume(2, job -> {
                        Weft.sleep(Duration.ofMillis(900));   // three leases long
                        done.add(job.value());
                    }));
                }
                a.join();
                for (var worker : workers) {
                    worker.close();
                }
                assertThat(a.snapshot().redelivered() + b.snapshot().redelivered()).isZero();
                return done;
            }
        });
        assertThat(handled).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void anEntryThatAlwaysFailsEndsInTheDeadLetterStreamWithItsLastFailure() {
        String stream = freshStream();
        var reports = new RecordingHandler();
        List<Object> dead;
        try (var loop = new Loop(reports.options())) {
            dead = loop.run(() -> {
            try (Redis redis = Redis.connect(server.config());
                    var queue = RedisQueue.open(redis, stream, "g", Codec.utf8(),
                            quick().withMaxDeliveries(3))) {
                assertThat(queue.offer("fine")).isTrue();
                queue.put("poison");
                queue.put("fine too");
                var attempts = new HashMap<String, Integer>();
                try (var worker = queue.consume(1, job -> {
                    attempts.merge(job.value(), 1, Integer::sum);
                    if (job.value().equals("poison")) {
                        throw new IllegalArgumentException("cannot digest " + job.value());
                    }
                })) {
                    queue.join();
                    assertThat(worker.handled()).isEqualTo(2);
                    assertThat(worker.failed()).isEqualTo(3);
                }
                assertThat(attempts).containsEntry("poison", 3).containsEntry("fine", 1)
                        .containsEntry("fine too", 1);
                assertThat(queue.snapshot().deadLetters()).isEqualTo(1);
                @SuppressWarnings("unchecked")
                var entries = (List<Object>) redis.call("XRANGE", queue.deadLetterStream(),
                        "-", "+");
                return entries;
            }
            });
        }
        assertThat(dead).hasSize(1);
        var fields = (List<?>) ((List<?>) dead.getFirst()).get(1);
        var byName = new HashMap<String, String>();
        for (int i = 0; i < fields.size(); i += 2) {
            byName.put(new String((byte[]) fields.get(i)), new String((byte[]) fields.get(i + 1)));
        }
        assertThat(byName.get("d")).isEqualTo("poison");
        assertThat(byName.get("deliveries")).isEqualTo("3");   // the handlers it reached
        assertThat(byName.get("error")).contains("IllegalArgumentException")
                .contains("cannot digest poison");
        assertThat(reports.messages()).hasSize(4);
        assertThat(reports.messages().subList(0, 2))
                .allMatch(message -> message.contains("given up for another delivery"));
        assertThat(reports.messages().get(2)).contains("(delivery 3 of at most 3)")
                .contains("it goes to the dead-letter stream");
        assertThat(reports.messages().get(3)).contains("went to " + stream + ":dead after 3 "
                + "deliveries");
    }

    @Test
    void workCancelledAtTheEndOfTheGraceIsDeliveredAgainAtOnce() {
        String stream = freshStream();
        Weft.run(() -> {
            try (Redis redis = Redis.connect(server.config());
                    var first = RedisQueue.open(redis, stream, "g", Codec.utf8(),
                            quick().withLease(Duration.ofSeconds(60)));
                    var second = RedisQueue.open(redis, stream, "g", Codec.utf8(), quick())) {
                first.put("long job");
                var started = new dev.weft.sync.Event();
                var worker = first.consume(1, job -> {
                    started.set();
                    Weft.sleep(Duration.ofHours(1));
                });
                started.await();
                worker.close(Duration.ofMillis(100));   // cancels the job: it is given up
                assertThat(worker.handled()).isZero();
                // Not after the 60 s lease: given up, it is claimable at once.
                Delivery<String> again = Weft.timeout(Duration.ofSeconds(10), second::take);
                assertThat(again.value()).isEqualTo("long job");
                assertThat(again.deliveries()).isEqualTo(2);
                again.ack();
                second.join();
            }
            return null;
        });
    }

    @Test
    void aDeadConsumersWholeBacklogIsTakenOverBatchAfterBatch() {
        String stream = freshStream();
        Weft.run(() -> {
            try (Redis redis = Redis.connect(server.config());
                    var queue = RedisQueue.open(redis, stream, "g", Codec.utf8(),
                            quick().withLease(Duration.ofMillis(200)).withBatch(4))) {
                for (int i = 0; i < 40; i++) {
                    queue.put("backlog " + i);
                }
                // A consumer that reads everything and dies at once: it never renews.
                redis.call("XREADGROUP", "GROUP", "g", "ghost", "COUNT", 40, "STREAMS", stream,
                        ">");
                var taken = new HashSet<String>();
                for (int i = 0; i < 40; i++) {
                    Delivery<String> delivery = queue.take();
                    assertThat(delivery.deliveries()).isEqualTo(2);
                    assertThat(delivery.isRedelivery()).isTrue();
                    taken.add(delivery.value());
                    delivery.ack();
                }
                assertThat(taken).hasSize(40);
                assertThat(queue.snapshot().redelivered()).isEqualTo(40);
                queue.join();
            }
            return null;
        });
    }

    @Test
    void givingUpAnEntryAnotherConsumerHasClaimedLeavesItWithThem() {
        String stream = freshStream();
        List<?> pending = Weft.run(() -> {
            try (Redis redis = Redis.connect(server.config());
                    var queue = RedisQueue.open(redis, stream, "g", Codec.utf8(), quick())) {
                queue.put("contended");
                Delivery<String> mine = queue.take();
                // This consumer's lease ran out and another claimed the entry and works on it.
                redis.call("XCLAIM", stream, "g", "other", 0, mine.id());
                mine.fail(new IllegalStateException("too late"));
                @SuppressWarnings("unchecked")
                var entries = (List<Object>) redis.call("XPENDING", stream, "g", "-", "+", 10);
                return (List<?>) entries.getFirst();
            }
        });
        assertThat(new String((byte[]) pending.get(1))).isEqualTo("other");
        assertThat((Long) pending.get(2)).isLessThan(300);   // not made idle: still theirs
    }

    @Test
    void anEntryThatCannotBeDeadLetteredStaysPendingAndIsReported() {
        String stream = freshStream();
        var reports = new RecordingHandler();
        try (var loop = new Loop(reports.options())) {
            loop.run(() -> {
                try (Redis redis = Redis.connect(server.config());
                        var queue = RedisQueue.open(redis, stream, "g", Codec.utf8(),
                                quick().withMaxDeliveries(1))) {
                    redis.call("SET", queue.deadLetterStream(), "not a stream");
                    queue.put("poison");
                    queue.take().fail(new IllegalArgumentException("bad"));
                    assertThat(queue.poll(Duration.ofMillis(50))).isNull();   // dead, not sent
                    assertThat(((List<?>) redis.call("XPENDING", stream, "g")).getFirst())
                            .isEqualTo(1L);                                   // and not lost
                }
                return null;
            });
        }
        assertThat(reports.messages()).anyMatch(message -> message.contains("stays pending"));
    }

    @Test
    void aQueueUsedFromAPlainThreadOrAfterCloseSaysWhatToDo() throws Exception {
        String stream = freshStream();
        var fromThread = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Weft.run(() -> {
            try (Redis redis = Redis.connect(server.config())) {
                var queue = RedisQueue.open(redis, stream, "g", Codec.utf8(), quick());
                queue.put("one");
                Thread plain = Thread.ofPlatform().start(() -> {
                    try {
                        queue.take();
                    } catch (Throwable e) {
                        fromThread.set(e);
                    }
                });
                dev.weft.exec.Offload.run(plain::join);
                queue.close();
                assertThatThrownBy(() -> queue.put("two")).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("is closed; open it again");
                assertThatThrownBy(() -> queue.consume(1, job -> { }))
                        .isInstanceOf(IllegalStateException.class);
            }
            return null;
        });
        assertThat(fromThread.get()).isInstanceOf(WrongThreadException.class)
                .hasMessageContaining("cannot take from the queue on " + stream)
                .hasMessageContaining("use it from that loop's tasks");
    }

    @Test
    void trimmingRemovesOnlyWhatTheGroupIsDoneWith() {
        String stream = freshStream();
        Weft.run(() -> {
            try (Redis redis = Redis.connect(server.config());
                    var queue = RedisQueue.open(redis, stream, "g", Codec.utf8(),
                            quick().withBatch(10))) {
                for (int i = 0; i < 10; i++) {
                    queue.put("entry " + i);
                }
                var taken = new ArrayList<Delivery<String>>();
                for (int i = 0; i < 10; i++) {
                    taken.add(queue.take());
                }
                for (int i = 0; i < 5; i++) {
                    queue.taskDone(taken.get(i));   // the local queues' verb for ack()
                }
                taken.get(7).ack();   // acknowledged, but after a pending one: kept
                assertThat(queue.trim()).isEqualTo(5);
                assertThat(redis.call("XLEN", stream)).isEqualTo(5L);
                for (var delivery : taken) {
                    delivery.ack();
                }
                queue.put("undelivered");
                redis.call("SCRIPT", "FLUSH");   // as after a restart: the script is sent again
                assertThat(queue.trim()).isEqualTo(4);   // the last delivered one stays
                assertThat(redis.call("XLEN", stream)).isEqualTo(2L);
                assertThat(queue.take().value()).isEqualTo("undelivered");
            }
            return null;
        });
    }

    @Test
    void aShutDownQueueRefusesTakesAndGivesUpWhatItHadNotHandedOut() {
        String stream = freshStream();
        Weft.run(() -> {
            try (Redis redis = Redis.connect(server.config());
                    var a = RedisQueue.open(redis, stream, "g", Codec.utf8(), quick());
                    var b = RedisQueue.open(redis, stream, "g", Codec.utf8(), quick())) {
                a.putAll(List.of("one", "two", "three"));
                Delivery<String> first = a.take();   // the other two wait in a's batch
                a.shutdown();
                assertThatThrownBy(a::take).isInstanceOf(QueueShutdownException.class)
                        .hasMessageContaining("shut down");
                Set<String> rest = new HashSet<>();
                rest.add(b.take().value());
                rest.add(b.take().value());
                assertThat(rest).containsExactlyInAnyOrder("two", "three");
                first.ack();   // what was handed out can still be settled
            }
            return null;
        });
    }

    @Test
    void aTakeWaitsByParkingWhileTheLoopRunsOthers() {
        String stream = freshStream();
        int ticks = Weft.run(() -> {
            try (Redis redis = Redis.connect(server.config());
                    var queue = RedisQueue.open(redis, stream, "g", Codec.utf8(), quick())) {
                int[] count = new int[1];
                Task<String> taker = Weft.spawn(() -> queue.take().value());
                for (int i = 0; i < 20; i++) {
                    Weft.sleep(Duration.ofMillis(10));
                    count[0]++;
                }
                queue.put("after the ticks");
                assertThat(taker.result()).isEqualTo("after the ticks");
                return count[0];
            }
        });
        assertThat(ticks).isEqualTo(20);
    }
}
