package example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void consumersCountEveryItemOnceUnderTheLock() {
        String report = Main.run();

        assertThat(report).isEqualTo(
                "weft-consumer: 3 producers and 2 consumers moved 12 items, sum 30");
    }
}
