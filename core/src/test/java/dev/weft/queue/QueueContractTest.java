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

import java.util.concurrent.Future;
import static dev.weft.Outcomes.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.DeadlockException;
import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.test.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract every queue keeps, whatever its order. */
class QueueContractTest {

    /** Every kind of queue, made with a capacity. */
    enum Kind {
        FIFO(FifoQueue::new),
        LIFO(LifoQueue::new),
        PRIORITY(capacity -> new PriorityQueue<Integer>(capacity, null));

        private final IntFunction<JoinableQueue<Integer>> factory;

        Kind(IntFunction<JoinableQueue<Integer>> factory) {
            this.factory = factory;
        }

        JoinableQueue<Integer> bounded(int capacity) {
            return factory.apply(capacity);
        }

        JoinableQueue<Integer> unbounded() {
            return factory.apply(Integer.MAX_VALUE);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void removeTakesOutOneEqualItemAndCountsOneAsDone(Kind kind) {
        var queue = kind.unbounded();
        queue.addAll(List.of(5, 5, 5));
        assertThat(queue.remove(5)).isTrue();
        assertThat(queue).hasSize(2);
        assertThat(queue.unfinished()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theUnfinishedCountFollowsRemovalsThroughTheIterator(Kind kind) throws Exception {
        var queue = kind.unbounded();
        queue.addAll(List.of(5, 5, 5));
        var items = queue.iterator();
        items.next();
        items.remove();
        assertThat(queue).hasSize(2);
        assertThat(queue.unfinished()).isEqualTo(2);
        Weft.run(() -> {
            queue.take();
            queue.take();
            queue.taskDone();
            queue.taskDone();
            queue.join();   // returns: nothing is left unfinished
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theIteratorRemovesTheVeryItemItReturned(Kind kind) {
        JoinableQueue<Tagged> queue = switch (kind) {
            case FIFO -> new FifoQueue<>();
            case LIFO -> new LifoQueue<>();
            case PRIORITY -> new PriorityQueue<>(java.util.Comparator.comparingInt(Tagged::n));
        };
        var first = new Tagged(1, "a");
        var other = new Tagged(2, "b");
        var equalToFirst = new Tagged(1, "c");
        queue.addAll(List.of(first, other, equalToFirst));
        var items = queue.iterator();
        Tagged returned = null;
        while (items.hasNext()) {
            Tagged next = items.next();
            if (next.tag().equals("c")) {
                returned = next;
                items.remove();
            }
        }
        assertThat(returned).isSameAs(equalToFirst);
        assertThat(queue).hasSize(2).noneMatch(item -> item == equalToFirst)
                .anyMatch(item -> item == first);
    }

    /** Equal by number only, so two distinct items can be equal. */
    record Tagged(int n, String tag) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Tagged t && t.n == n;
        }

        @Override
        public int hashCode() {
            return n;
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void toStringIsTheCollectionFormatAndSummaryTheState(Kind kind) {
        var queue = kind.bounded(10);
        assertThat(queue.toString()).isEqualTo("[]");
        queue.add(1);
        queue.add(2);
        assertThat(queue.toString()).isIn("[1, 2]", "[2, 1]");
        assertThat(queue.summary()).startsWith(queue.getClass().getSimpleName() + "[2/10 items, "
                + "2 unfinished");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void queuesAreNotSerializableAndSaySo(Kind kind) {
        assertThatThrownBy(() -> new java.io.ObjectOutputStream(
                new java.io.ByteArrayOutputStream()).writeObject(kind.unbounded()))
                .isInstanceOf(java.io.NotSerializableException.class);
    }

    @org.junit.jupiter.api.Test
    void aPriorityQueueRefusesANonComparableItemEvenWhenEmpty() {
        var queue = new PriorityQueue<Object>();
        assertThatThrownBy(() -> queue.offer(new Object()))
                .isInstanceOf(ClassCastException.class)
                .hasMessageContaining("is not Comparable")
                .hasMessageContaining("Comparator");
        assertThat(queue).isEmpty();
        assertThat(queue.unfinished()).isZero();
        assertThat(queue.offer("fine")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTakeWaitsForAPut(Kind kind) {
        var events = new ArrayList<String>();
        Weft.run(() -> {
            var queue = kind.unbounded();
            Task<Integer> consumer = Weft.spawn(() -> {
                events.add("taking");
                int item = queue.take();
                events.add("took " + item);
                return item;
            });
            Weft.yieldNow();
            events.add("putting");
            queue.put(7);
            assertThat(consumer.result()).isEqualTo(7);
            assertThat(queue.isEmpty()).isTrue();
        });
        assertThat(events).containsExactly("taking", "putting", "took 7");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPutWaitsWhileTheQueueIsFullAndWaitingPutsGoInInOrder(Kind kind) {
        var events = new ArrayList<String>();
        Weft.run(() -> {
            var queue = kind.bounded(1);
            queue.put(1);
            var producers = List.of(2, 3).stream().map(item -> Weft.spawn(() -> {
                queue.put(item);
                events.add("put " + item);
            })).toList();
            Weft.yieldNow();
            assertThat(events).isEmpty();
            assertThat(queue.remainingCapacity()).isZero();
            events.add("took " + queue.take());
            Weft.yieldNow();
            events.add("took " + queue.take());
            Weft.yieldNow();
            events.add("took " + queue.take());
            Weft.joinAll(producers);
        });
        assertThat(events).containsExactly("took 1", "put 2", "took 2", "put 3", "took 3");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void offerAndPollNeverWait(Kind kind) {
        Weft.run(() -> {
            var queue = kind.bounded(2);
            assertThat(queue.poll()).isNull();
            assertThat(queue.offer(1)).isTrue();
            assertThat(queue.offer(2)).isTrue();
            assertThat(queue.offer(3)).isFalse();
            assertThatThrownBy(() -> queue.add(3)).isInstanceOf(IllegalStateException.class);
            assertThat(queue).hasSize(2).contains(1, 2);
            assertThat(queue.peek()).isNotNull();
            assertThat(queue.poll()).isNotNull();
            assertThat(queue.remainingCapacity()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void timedOfferAndPollFollowTheLoopClock(Kind kind) {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            var queue = kind.bounded(1);
            assertThat(queue.poll(5, TimeUnit.MINUTES)).isNull();
            assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(5));
            queue.put(1);
            assertThat(queue.offer(2, 1, TimeUnit.HOURS)).isFalse();
            assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(65));
            assertThat(queue.waiting()).isZero();
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nullItemsAreRefused(Kind kind) {
        Weft.run(() -> {
            var queue = kind.unbounded();
            assertThatThrownBy(() -> queue.put(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> queue.offer(null)).isInstanceOf(NullPointerException.class);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void joinWaitsUntilEveryItemIsMarkedDone(Kind kind) {
        var events = new ArrayList<String>();
        Weft.run(() -> {
            var queue = kind.unbounded();
            Weft.spawn(() -> {
                for (int i = 0; i < 3; i++) {
                    int item = queue.take();
                    Weft.sleep(Duration.ofMillis(1));
                    events.add("done " + item);
                    queue.taskDone();
                }
            });
            queue.put(1);
            queue.put(2);
            queue.put(3);
            assertThat(queue.unfinished()).isEqualTo(3);
            queue.join();
            events.add("joined");
        });
        assertThat(events).hasSize(4).last().isEqualTo("joined");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void taskDoneMoreOftenThanPutsIsAnError(Kind kind) {
        Weft.run(() -> {
            var queue = kind.unbounded();
            queue.put(1);
            queue.take();
            queue.taskDone();
            assertThatThrownBy(queue::taskDone)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("taskDone() was called more times than items were "
                            + "put into ");
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void afterShutdownPutsFailAndConsumersDrainThenEnd(Kind kind) {
        var taken = new ArrayList<Integer>();
        Weft.run(() -> {
            var queue = kind.unbounded();
            queue.put(1);
            queue.put(2);
            queue.shutdown();
            assertThatThrownBy(() -> queue.put(3))
                    .isInstanceOf(QueueShutdownException.class)
                    .hasMessageEndingWith("it is shut down");
            Task<Void> consumer = Weft.spawn(() -> {
                while (true) {
                    taken.add(queue.take());
                }
            });
            consumer.join();
            assertThat(failureOf(consumer)).isInstanceOf(QueueShutdownException.class);
        });
        assertThat(taken).containsExactlyInAnyOrder(1, 2);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shutdownWakesWaitingConsumersAndProducers(Kind kind) {
        Weft.run(() -> {
            var empty = kind.bounded(1);
            var full = kind.bounded(1);
            full.put(1);
            Task<Integer> consumer = Weft.spawn(empty::take);
            Task<Void> producer = Weft.spawn(() -> full.put(2));
            Weft.yieldNow();
            empty.shutdown();
            full.shutdown();
            Weft.joinAll(List.of(consumer, producer));
            assertThat(failureOf(consumer)).isInstanceOf(QueueShutdownException.class);
            assertThat(failureOf(producer)).isInstanceOf(QueueShutdownException.class);
            assertThat(full).containsExactly(1);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anImmediateShutdownDropsTheItemsAndReleasesJoin(Kind kind) {
        Weft.run(() -> {
            var queue = kind.unbounded();
            queue.put(1);
            queue.put(2);
            Task<Void> joiner = Weft.spawn(queue::join);
            Weft.yieldNow();
            queue.shutdownNow();
            joiner.join();
            assertThat(joiner.state()).isEqualTo(Future.State.SUCCESS);
            assertThat(queue).isEmpty();
            assertThatThrownBy(queue::take).isInstanceOf(QueueShutdownException.class);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCancelledConsumerTakesNothingAndTheItemGoesToTheNext(Kind kind) {
        Weft.run(() -> {
            var queue = kind.unbounded();
            Task<Integer> cancelled = Weft.spawn(queue::take);
            Task<Integer> next = Weft.spawn(queue::take);
            Weft.yieldNow();
            cancelled.cancel();
            cancelled.join();
            queue.put(5);
            assertThat(next.result()).isEqualTo(5);
            assertThat(cancelled.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(queue.unfinished()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCancelledProducerPutsNothing(Kind kind) {
        Weft.run(() -> {
            var queue = kind.bounded(1);
            queue.put(1);
            Task<Void> producer = Weft.spawn(() -> queue.put(2));
            Weft.yieldNow();
            producer.cancel();
            producer.join();
            assertThat(queue.take()).isEqualTo(1);
            assertThat(queue.poll()).isNull();
            assertThat(failureOf(producer)).isInstanceOf(CancellationException.class);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTimeoutEndsAWaitingTake(Kind kind) {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            var queue = kind.unbounded();
            assertThatThrownBy(() -> Weft.timeout(Duration.ofSeconds(30), queue::take))
                    .isInstanceOf(TimeoutException.class);
            assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(30));
            queue.put(1);
            assertThat(queue.take()).isEqualTo(1);
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tasksOfTwoLoopsAndAPlainThreadPassItemsThroughOneQueue(Kind kind) throws Exception {
        var queue = kind.bounded(4);
        int perProducer = 500;
        try (var producers = new Loop(); var consumers = new Loop()) {
            var puts = new ArrayList<Task<Void>>();
            for (int p = 0; p < 3; p++) {
                puts.add(producers.spawn(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        queue.put(1);
                    }
                }));
            }
            Task<Long> sum = consumers.spawn(() -> {
                long total = 0;
                for (int i = 0; i < 4 * perProducer; i++) {
                    total += queue.take();
                    queue.taskDone();
                }
                return total;
            });
            for (int i = 0; i < perProducer; i++) {
                queue.put(1);   // a plain thread produces too
            }
            queue.join();
            for (Task<Void> put : puts) {
                put.get();
            }
            assertThat(sum.get()).isEqualTo(4L * perProducer);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPlainThreadInterruptedInTakeGetsInterruptedException(Kind kind) throws Exception {
        var queue = kind.unbounded();
        var failure = new Throwable[1];
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                queue.take();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        while (queue.waiting() == 0) {
            Thread.onSpinWait();
        }
        thread.interrupt();
        thread.join();
        assertThat(failure[0]).isInstanceOf(InterruptedException.class);
        assertThat(queue.waiting()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void drainToMovesTheItemsAndAdmitsWaitingProducers(Kind kind) {
        Weft.run(() -> {
            var queue = kind.bounded(2);
            queue.put(1);
            queue.put(2);
            Task<Void> producer = Weft.spawn(() -> queue.put(3));
            Weft.yieldNow();
            var sink = new ArrayList<Integer>();
            assertThat(queue.drainTo(sink)).isEqualTo(3);
            producer.join();
            assertThat(sink).containsExactlyInAnyOrder(1, 2, 3);
            assertThatThrownBy(() -> queue.drainTo(queue))
                    .isInstanceOf(IllegalArgumentException.class);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void removedItemsCountAsDone(Kind kind) {
        Weft.run(() -> {
            var queue = kind.unbounded();
            queue.put(1);
            queue.put(2);
            queue.put(3);
            assertThat(queue.remove(2)).isTrue();
            var iterator = queue.iterator();
            iterator.next();
            iterator.remove();
            queue.clear();
            assertThat(queue.unfinished()).isZero();
            queue.join();   // returns at once
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRendezvousQueueHandsEachItemFromPutToTake(Kind kind) {
        var events = new ArrayList<String>();
        Weft.run(() -> {
            var queue = kind.bounded(0);
            assertThat(queue.offer(1)).isFalse();
            Task<Void> producer = Weft.spawn(() -> {
                queue.put(1);
                events.add("put returned");
            });
            Weft.yieldNow();
            events.add("taking");
            events.add("took " + queue.take());
            producer.join();
        });
        assertThat(events).containsExactly("taking", "took 1", "put returned");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aConsumerWaitingForeverOnAQueueOfItsLoopIsReportedAsADeadlock(Kind kind) {
        var problems = new dev.weft.test.RecordingHandler();
        var closedWorld = problems.options().withStallPolicy(dev.weft.StallPolicy.FAIL);
        try (var loop = new dev.weft.Loop(closedWorld)) {
            loop.run(() -> {
            var queue = kind.unbounded();
            Task<Integer> consumer = Weft.spawn("consumer", queue::take);
            assertThatThrownBy(consumer::result)
                    .isInstanceOf(DeadlockException.class)
                    .hasMessageContaining("every task waits on something only this loop's "
                            + "tasks could end")
                    .hasMessageContaining("task \"consumer\" waits on " + kind.name().charAt(0));
            return null;
            });
        }
        assertThat(problems.messages()).singleElement().asString()   // the consumer's, not lost
                .startsWith("Task[consumer FAILED] failed and nobody observed its failure");
    }
}
