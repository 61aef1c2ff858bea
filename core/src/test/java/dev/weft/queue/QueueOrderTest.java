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

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Weft;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each queue hands its items out in its own order. */
class QueueOrderTest {
    record Job(int priority, String name) {}

    private static <E> List<E> putThenTakeAll(JoinableQueue<E> queue, List<E> items) {
        return Weft.run(() -> {
            for (E item : items) {
                queue.put(item);
            }
            var taken = new ArrayList<E>();
            while (!queue.isEmpty()) {
                taken.add(queue.take());
            }
            return taken;
        });
    }

    @Test
    void aFifoQueueHandsOutTheOldestItemFirst() {
        assertThat(putThenTakeAll(new FifoQueue<>(), List.of(3, 1, 2))).containsExactly(3, 1, 2);
    }

    @Test
    void aLifoQueueHandsOutTheNewestItemFirst() {
        assertThat(putThenTakeAll(new LifoQueue<>(), List.of(3, 1, 2))).containsExactly(2, 1, 3);
    }

    @Test
    void aPriorityQueueHandsOutTheSmallestItemFirst() {
        assertThat(putThenTakeAll(new PriorityQueue<>(), List.of(3, 1, 2)))
                .containsExactly(1, 2, 3);
    }

    @Test
    void aPriorityQueueKeepsEqualPrioritiesInInsertionOrder() {
        var jobs = List.of(new Job(2, "a"), new Job(1, "b"), new Job(2, "c"), new Job(1, "d"),
                new Job(2, "e"));
        var queue = new PriorityQueue<Job>(Comparator.comparingInt(Job::priority));
        assertThat(putThenTakeAll(queue, jobs)).extracting(Job::name)
                .containsExactly("b", "d", "a", "c", "e");
    }

    @Test
    void aPriorityQueueIteratesInTakingOrder() {
        var queue = new PriorityQueue<Integer>();
        Weft.run(() -> {
            queue.put(5);
            queue.put(1);
            queue.put(3);
        });
        assertThat(queue).containsExactly(1, 3, 5);
    }

    @Test
    void aProducerWaitingOnAFullLifoQueuePutsOnTopOnceThereIsRoom() {
        var taken = new ArrayList<Integer>();
        Weft.run(() -> {
            var queue = new LifoQueue<Integer>(2);
            queue.put(1);
            queue.put(2);
            var producer = Weft.spawn(() -> queue.put(3));
            Weft.yieldNow();
            taken.add(queue.take());    // 2; the producer's 3 goes in on top of 1
            producer.join();
            taken.add(queue.take());
            taken.add(queue.take());
        });
        assertThat(taken).containsExactly(2, 3, 1);
    }
}
