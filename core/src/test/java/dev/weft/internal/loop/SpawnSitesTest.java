package dev.weft.internal.loop;

import dev.weft.internal.hook.JvmProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpawnSitesTest {

    @Test
    void withDebugOnDumpsAndFailureReportsSayWhereATaskWasSpawned() throws Exception {
        JvmProcess.Outcome outcome = JvmProcess.run(
                List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dweft.debug=true"),
                SpawnSiteProbe.class);
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output()).contains("SPAWNED spawnSleeper")
                .containsPattern("REPORT Task\\[careless FAILED\\] failed and nobody observed "
                        + "its failure .*; spawned at:.*failUnobserved");
    }
}
