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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

class FlightRecorderTest {

    @Test
    void tasksAndABlockedLoopShowUpInARecording() throws Exception {
        Path file = Files.createTempFile("weft", ".jfr");
        try (var recording = new Recording()) {
            recording.enable("dev.weft.TaskStart");
            recording.enable("dev.weft.TaskEnd");
            recording.enable("dev.weft.LoopBlocked");
            recording.start();
            try (var loop = new Loop(LoopOptions.defaults()
                    .withWatchdog(Duration.ofMillis(50))
                    .withExceptionHandler((l, message, error) -> { }))) {
                loop.run(() -> {
                    Weft.spawn("recorded", () -> {
                        long end = System.nanoTime() + 200_000_000;
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait();
                        }
                    }).join();
                    return null;
                });
            }
            recording.stop();
            recording.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            assertThat(events).filteredOn(e -> e.getEventType().getName()
                    .equals("dev.weft.TaskStart"))
                    .anySatisfy(e -> assertThat(e.getString("task")).isEqualTo("recorded"));
            assertThat(events).filteredOn(e -> e.getEventType().getName()
                    .equals("dev.weft.TaskEnd"))
                    .anySatisfy(e -> {
                        assertThat(e.getString("task")).isEqualTo("recorded");
                        assertThat(e.getString("status")).isEqualTo("DONE");
                    });
            assertThat(events).filteredOn(e -> e.getEventType().getName()
                    .equals("dev.weft.LoopBlocked"))
                    .anySatisfy(e -> assertThat(e.getString("holder"))
                            .isEqualTo("task \"recorded\""));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
