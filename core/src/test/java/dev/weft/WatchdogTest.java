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

package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.test.RecordingHandler;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    /** Holds the loop's thread for {@code millis} without letting any other task run. */
    private static void spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aTaskThatSpinsPastTheThresholdIsReportedWithItsStack() {
        var problems = new RecordingHandler();
        LoopStats[] stats = new LoopStats[1];
        var loop = new Loop(problems.options().withWatchdog(Duration.ofMillis(100)));
        try (loop) {
            loop.run(() -> {
                Weft.spawn("spinner", () -> spin(300)).join();
                return null;
            });
            stats[0] = loop.stats();
        }
        var sites = loop.blockingReport();   // complete once the loop has closed
        assertThat(problems.reported()).hasSizeGreaterThanOrEqualTo(2);
        var held = problems.reported().get(0);
        assertThat(held.message()).startsWith("task \"spinner\" has held loop \"")
                .contains("without letting other tasks run (watchdog threshold 100 ms)");
        assertThat(Arrays.stream(held.error().getStackTrace())
                .map(StackTraceElement::getMethodName)).contains("spin");
        assertThat(problems.messages().get(1)).startsWith("task \"spinner\" released loop \"");
        assertThat(sites).singleElement().satisfies(site -> {
            assertThat(site.times()).isEqualTo(1);
            assertThat(site.site()).contains("WatchdogTest.spin");
            assertThat(site.total()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        });
        assertThat(stats[0].busyRatio()).isBetween(0.0, 1.0);
    }

    @Test
    void tasksThatYieldAreNotReported() {
        var problems = new RecordingHandler();
        // A threshold far above each 5 ms step: only a task that never yields can cross it.
        try (var loop = new Loop(problems.options().withWatchdog(Duration.ofSeconds(1)))) {
            loop.run(() -> {
                for (int i = 0; i < 30; i++) {
                    spin(5);
                    Weft.yieldNow();
                }
                return null;
            });
        }
        assertThat(problems.reported()).isEmpty();
    }

    @Test
    void anIdleLoopLetsTheWatchdogSleep() {
        // At a 100 ms threshold the watchdog looks every 25 ms while a loop runs: 40 looks in a
        // second. While the loop idles in its selector it should look only as the loop starts
        // and stops idling.
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options().withWatchdog(Duration.ofMillis(100)))) {
            long looks = loop.run(() -> {
                Weft.sleep(Duration.ofMillis(100));     // the watchdog has started and looked
                long before = dev.weft.internal.inspect.Watchdog.looks();
                Weft.sleep(Duration.ofSeconds(1));
                return dev.weft.internal.inspect.Watchdog.looks() - before;
            });
            assertThat(looks).isLessThan(10);
        }
        assertThat(problems.reported()).as("waking from an idle park is no hold").isEmpty();
    }

    @Test
    void aLoopThatWakesFromALongIdleIsNotReportedAsHolding() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options().withWatchdog(Duration.ofMillis(50)))) {
            loop.run(() -> {
                for (int i = 0; i < 5; i++) {
                    Weft.sleep(Duration.ofMillis(200));   // idle far past the threshold
                    spin(5);                              // then a short turn
                }
                return null;
            });
        }
        assertThat(problems.reported()).isEmpty();
    }

    @Test
    void aSpinningTaskIsStillReportedAfterTheLoopIdled() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options().withWatchdog(Duration.ofMillis(100)))) {
            loop.run(() -> {
                Weft.sleep(Duration.ofMillis(300));     // idle: the watchdog parks
                spin(400);                              // the loop turned busy and holds on
                return null;
            });
        }
        assertThat(problems.reported()).as("the hold after the idle period").isNotEmpty();
    }

    @Test
    void aLoopWithoutAWatchdogHasAnEmptyReport() {
        try (var loop = new Loop(LoopOptions.defaults().withoutWatchdog())) {
            assertThat(loop.blockingReport()).isEmpty();
        }
    }

    @Test
    void aThresholdMustBePositive() {
        assertThatThrownBy(() -> LoopOptions.defaults().withWatchdog(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("watchdog threshold must be positive: PT0S");
    }
}
