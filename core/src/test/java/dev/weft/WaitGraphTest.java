package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitGraphTest {

    @Test
    void joiningATaskThatHasJustFinishedIsNoDeadlock() {
        Weft.run(() -> {
            Task<Integer> finished = Weft.spawn(() -> 1);
            finished.join();
            assertThat(WaitGraph.check(Task.current(), finished)).isNull();
        });
    }

    @Test
    void aTaskThatWaitsOnNothingEndsTheChain() {
        Weft.run(() -> {
            Task<Void> running = Weft.spawn(() -> Weft.sleep(java.time.Duration.ofSeconds(1)));
            Weft.yieldNow();
            assertThat(WaitGraph.check(Task.current(), running)).isNull();
            running.cancel();
        });
    }
}
