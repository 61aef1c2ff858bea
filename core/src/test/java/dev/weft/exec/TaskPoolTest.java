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

package dev.weft.exec;

import java.util.concurrent.Future;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.test.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskPoolTest {

    @Test
    void atMostSizeTasksRunAtOnce() {
        var clock = new VirtualClock();
        int[] running = new int[2];   // now, most
        VirtualClock.run(clock, () -> {
            var pool = new TaskPool(3);
            for (int i = 0; i < 10; i++) {
                pool.spawn(() -> {
                    running[1] = Math.max(running[1], ++running[0]);
                    Weft.sleep(Duration.ofSeconds(1));
                    running[0]--;
                });
            }
            pool.join();
            assertThat(pool.free()).isEqualTo(3);
            return null;
        });
        assertThat(running[1]).isEqualTo(3);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(4));   // 3 + 3 + 3 + 1
    }

    @Test
    void spawnWaitsForAFreeSlot() {
        var events = new ArrayList<String>();
        VirtualClock.run(() -> {
            var pool = new TaskPool(1);
            pool.spawn(() -> {
                Weft.sleep(Duration.ofSeconds(1));
                events.add("first done");
            });
            events.add("spawning second");
            pool.spawn(() -> events.add("second runs"));
            events.add("second spawned");
            pool.join();
            return null;
        });
        assertThat(events).containsExactly("spawning second", "first done", "second spawned",
                "second runs");
    }

    @Test
    void mapKeepsInputOrderAndMapUnorderedFollowsFinishingOrder() {
        VirtualClock.run(() -> {
            var pool = new TaskPool(4);
            var inputs = List.of(3, 1, 2);
            List<Integer> ordered = pool.map(n -> {
                Weft.sleep(Duration.ofSeconds(n));
                return n;
            }, inputs);
            List<Integer> unordered = pool.mapUnordered(n -> {
                Weft.sleep(Duration.ofSeconds(n));
                return n;
            }, inputs);
            assertThat(ordered).containsExactly(3, 1, 2);
            assertThat(unordered).containsExactly(1, 2, 3);
            return null;
        });
    }

    @Test
    void imapStartsTasksOnlyAsTheResultsAreRead() {
        var started = new AtomicInteger();
        VirtualClock.run(() -> {
            var pool = new TaskPool(2);
            try (var results = pool.imap(n -> {
                started.incrementAndGet();
                return n * 10;
            }, IntStream.range(0, 100).boxed().toList())) {
                assertThat(results.next()).isZero();
                assertThat(results.next()).isEqualTo(10);
            }
            assertThat(started.get()).isLessThanOrEqualTo(4);
            return null;
        });
    }

    @Test
    void aFailureInMapCancelsTheOtherTasks() {
        VirtualClock.run(() -> {
            var pool = new TaskPool(3);
            assertThatThrownBy(() -> pool.map(n -> {
                if (n == 0) {
                    throw new IllegalStateException("bad input");
                }
                Weft.sleep(Duration.ofHours(1));
                return n;
            }, List.of(0, 1, 2))).hasMessage("bad input");
            pool.join();
            assertThat(pool.running()).isZero();
            return null;
        });
    }

    @Test
    void killCancelsEveryTaskAndFreesTheSlots() {
        VirtualClock.run(() -> {
            var pool = new TaskPool(2);
            Task<Void> a = pool.spawn(() -> Weft.sleep(Duration.ofHours(1)));
            Task<Void> b = pool.spawn(() -> Weft.sleep(Duration.ofHours(1)));
            pool.cancel();
            pool.join();
            assertThat(a.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(b.state()).isEqualTo(Future.State.CANCELLED);
            assertThat(pool.free()).isEqualTo(2);
            return null;
        });
    }

    @Test
    void aTaskCancelledBeforeItRanFreesItsSlot() {
        Weft.run(() -> {
            var pool = new TaskPool(1);
            Task<Void> never = pool.spawn(() -> { });
            never.cancel();                  // still pending: it never runs
            never.join();
            Weft.yieldNow();                 // its done-callback gives the slot back
            assertThat(pool.free()).isEqualTo(1);
        });
    }

    @Test
    void aPoolWithALoopOfItsOwnTakesTasksFromAPlainThread() throws Exception {
        try (var loop = new Loop()) {
            var pool = new TaskPool(loop, 2);
            var results = new ArrayList<Task<Integer>>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                results.add(pool.spawn(() -> n * n));
            }
            int sum = 0;
            for (Task<Integer> task : results) {
                sum += task.get();
            }
            assertThat(sum).isEqualTo(0 + 1 + 4 + 9 + 16);
        }
    }

    @Test
    void aPoolWithoutALoopNeedsATask() {
        assertThatThrownBy(() -> new TaskPool(2).spawn(() -> 1))
                .isInstanceOf(WrongThreadException.class)
                .hasMessageStartingWith("a TaskPool without a loop of its own must be used "
                        + "from a task");
    }
}
