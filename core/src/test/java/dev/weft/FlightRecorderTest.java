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
