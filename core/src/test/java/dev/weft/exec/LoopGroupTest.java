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

import static dev.weft.Outcomes.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.queue.FifoQueue;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopGroupTest {

    @Test
    void spawnGoesRoundRobinOverTheLoops() throws Exception {
        try (var group = new LoopGroup(3)) {
            Set<String> loops = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                loops.add(group.spawn(() -> Weft.current().loop().name()).get());
            }
            assertThat(loops).hasSize(3);
            assertThat(group.loops()).extracting(Loop::name).containsExactlyInAnyOrderElementsOf(
                    loops);
        }
    }

    @Test
    void equalKeysShareALoop() throws Exception {
        try (var group = new LoopGroup(4)) {
            Loop first = group.spawnByKey("user-7", () -> Weft.current().loop()).get();
            for (int i = 0; i < 10; i++) {
                assertThat(group.spawnByKey("user-7", () -> Weft.current().loop()).get())
                        .isSameAs(first);
            }
            assertThat(group.loopFor("user-7")).isSameAs(first);
        }
    }

    @Test
    void tasksOfDifferentLoopsTalkThroughAQueue() throws Exception {
        try (var group = new LoopGroup(2)) {
            var ping = new FifoQueue<Integer>(1);
            var pong = new FifoQueue<Integer>(1);
            Task<Void> echo = group.loops().get(1).spawn(() -> {
                for (int i = 0; i < 1000; i++) {
                    pong.put(ping.take() + 1);
                }
            });
            Task<Integer> driver = group.loops().get(0).spawn(() -> {
                int value = 0;
                for (int i = 0; i < 1000; i++) {
                    ping.put(value);
                    value = pong.take();
                }
                return value;
            });
            assertThat(driver.get()).isEqualTo(1000);
            echo.get();
        }
    }

    @Test
    void closeClosesEveryLoop() {
        var group = new LoopGroup(2);
        List<Loop> loops = group.loops();
        group.close();
        assertThat(loops).allMatch(Loop::isClosed);
    }

    @Test
    void closingTheGroupFromItsOwnTaskIsAClearError() throws Exception {
        try (var group = new LoopGroup(2)) {
            Task<Void> task = group.spawn(group::close);
            task.join();
            assertThat(failureOf(task)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("a LoopGroup cannot be closed from its own task");
        }
    }

    @Test
    void aBadSizeIsRefused() {
        assertThatThrownBy(() -> new LoopGroup(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must be positive: 0");
    }
}
