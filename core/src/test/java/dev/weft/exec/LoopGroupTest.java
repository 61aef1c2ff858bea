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
