package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Task;
import dev.weft.Weft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void anHourOfSleepPassesInstantlyAndExactly() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            Weft.sleep(Duration.ofHours(1));
            return null;
        });
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aOneHourTimeoutFiresAtExactlyOneHour() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            assertThatThrownBy(() -> Weft.timeout(Duration.ofHours(1), () -> {
                Weft.sleep(Duration.ofDays(1));
                return null;
            })).isInstanceOf(TimeoutException.class);
            return null;
        });
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theClockKeepsTheOrderOfEventsOfRealTime() {
        var clock = new VirtualClock();
        var events = new ArrayList<String>();
        VirtualClock.run(clock, () -> {
            List<Task<Void>> tasks = List.of(
                    Weft.spawn(() -> {
                        Weft.sleep(Duration.ofMinutes(30));
                        events.add("b at " + clock.elapsed());
                    }),
                    Weft.spawn(() -> {
                        Weft.sleep(Duration.ofMinutes(10));
                        events.add("a at " + clock.elapsed());
                        Weft.sleep(Duration.ofMinutes(30));
                        events.add("c at " + clock.elapsed());
                    }));
            Weft.joinAll(tasks);
            return null;
        });
        assertThat(events).containsExactly("a at PT10M", "b at PT30M", "c at PT40M");
    }

    @Test
    void theClockStandsStillWhileATaskRuns() {
        var clock = new VirtualClock();
        Duration seen = VirtualClock.run(clock, () -> {
            long spin = 0;
            for (int i = 0; i < 1_000_000; i++) {
                spin += i;
            }
            return spin > 0 ? clock.elapsed() : null;
        });
        assertThat(seen).isEqualTo(Duration.ZERO);
    }

    @Test
    void advanceMovesTheClockByHand() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            clock.advance(Duration.ofSeconds(3));
            return null;
        });
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration must not be negative: PT-1S");
    }

    @Test
    void theClockWaitsForATaskBlockedOutsideWeft() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            Task<Void> sleeper = Weft.spawn(() -> Weft.sleep(Duration.ofHours(1)));
            Thread.sleep(5);   // a JDK wait: the virtual clock must not jump meanwhile
            assertThat(clock.elapsed()).isEqualTo(Duration.ZERO);
            sleeper.join();
            return null;
        });
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theClockWaitsForATaskOfAnotherLoop() {
        var clock = new VirtualClock();
        try (var other = new dev.weft.Loop()) {
            VirtualClock.run(clock, () -> {
                Task<String> remote = other.spawn(() -> "remote");
                Task<Void> sleeper = Weft.spawn(() -> Weft.sleep(Duration.ofHours(1)));
                assertThat(remote.result()).isEqualTo("remote");   // a cross-loop wait
                assertThat(clock.elapsed()).isEqualTo(Duration.ZERO);
                sleeper.cancel();
                return null;
            });
        }
    }
}
