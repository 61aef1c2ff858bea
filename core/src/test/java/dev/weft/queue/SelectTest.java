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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.test.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class SelectTest {

    @Test
    void theFirstQueueWithAnItemWins() {
        Weft.run(() -> {
            var urgent = new FifoQueue<String>();
            var normal = new FifoQueue<String>();
            normal.put("n1");
            urgent.put("u1");
            Selected<String> first = JoinableQueue.select(List.of(urgent, normal));
            Selected<String> second = JoinableQueue.select(List.of(urgent, normal));
            assertThat(first.item()).isEqualTo("u1");
            assertThat(first.queue()).isSameAs(urgent);
            assertThat(second.item()).isEqualTo("n1");
            assertThat(second.queue()).isSameAs(normal);
        });
    }

    @Test
    void selectWaitsForWhicheverQueueGetsAnItemFirst() {
        Weft.run(() -> {
            var a = new FifoQueue<String>();
            var b = new FifoQueue<String>();
            Task<Selected<String>> selector = Weft.spawn(() -> JoinableQueue.select(List.of(a, b)));
            Weft.yieldNow();
            b.put("from b");
            a.put("from a");
            Selected<String> selected = selector.result();
            assertThat(selected.item()).isEqualTo("from b");
            assertThat(selected.queue()).isSameAs(b);
            assertThat(a).containsExactly("from a");   // the other item stays where it was
            assertThat(a.waiting()).isZero();
            assertThat(b.waiting()).isZero();
        });
    }

    @Test
    void aTimeoutEndsASelectAndTakesNothing() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            var a = new FifoQueue<Integer>();
            var b = new FifoQueue<Integer>();
            assertThatThrownBy(() -> Weft.timeout(Duration.ofSeconds(5),
                    () -> JoinableQueue.select(List.of(a, b))))
                    .isInstanceOf(TimeoutException.class);
            assertThat(a.waiting() + b.waiting()).isZero();
            a.put(1);
            assertThat(a.take()).isEqualTo(1);
            return null;
        });
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aShutDownQueueIsSkippedAndSelectFailsWhenAllAre() {
        Weft.run(() -> {
            var a = new FifoQueue<Integer>();
            var b = new FifoQueue<Integer>();
            Task<Selected<Integer>> selector = Weft.spawn(() -> JoinableQueue.select(List.of(a, b)));
            Weft.yieldNow();
            a.shutdown();
            Weft.yieldNow();
            assertThat(selector.isDone()).isFalse();
            b.put(2);
            assertThat(selector.result().item()).isEqualTo(2);
            b.shutdown();
            assertThatThrownBy(() -> JoinableQueue.select(List.of(a, b)))
                    .isInstanceOf(QueueShutdownException.class)
                    .hasMessageStartingWith("every queue given to select is shut down and empty");
        });
    }

    @Test
    void selectsOnTwoLoopsNeverTakeTheSameItem() throws Exception {
        var a = new FifoQueue<Integer>();
        var b = new FifoQueue<Integer>();
        int items = 2000;
        var taken = new ArrayList<Integer>();
        try (var left = new Loop(); var right = new Loop()) {
            var selectors = new ArrayList<Task<List<Integer>>>();
            for (Loop loop : List.of(left, right)) {
                selectors.add(loop.spawn(() -> {
                    var mine = new ArrayList<Integer>();
                    try {
                        while (true) {
                            mine.add(JoinableQueue.select(List.of(a, b)).item());
                        }
                    } catch (QueueShutdownException done) {
                        return mine;
                    }
                }));
            }
            for (int i = 0; i < items; i++) {
                (i % 2 == 0 ? a : b).put(i);
            }
            a.shutdown();
            b.shutdown();
            for (Task<List<Integer>> selector : selectors) {
                taken.addAll(selector.get());
            }
        }
        assertThat(taken).hasSize(items).doesNotHaveDuplicates();
    }
}
