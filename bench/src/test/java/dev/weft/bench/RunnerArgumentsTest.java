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

package dev.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.bench.RunnerArguments.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerArgumentsTest {

    @Test
    void noArgumentsRunEveryWorkloadFiveTimes() {
        assertThat(RunnerArguments.parse(List.of()))
                .isEqualTo(new RunnerArguments(5, List.of(Workload.values()), false));
    }

    @Test
    void namedWorkloadsRunInTheOrderGivenWithAnyCase() {
        assertThat(RunnerArguments.parse(List.of("W3", "--runs", "2", "offload")))
                .isEqualTo(new RunnerArguments(2, List.of(Workload.W3, Workload.OFFLOAD), false));
    }

    @Test
    void helpRunsNothingAndListsEveryWorkload() {
        assertThat(RunnerArguments.parse(List.of("w1", "--help")).help()).isTrue();
        assertThat(RunnerArguments.helpText()).startsWith(RunnerArguments.USAGE + "\n")
                .contains("  w1        ", "  process   ");
    }

    @Test
    void anUnknownWorkloadNamesTheKnownOnes() {
        assertThatThrownBy(() -> RunnerArguments.parse(List.of("bogus")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown workload bogus; expected --runs N or one of w1, w2, w3, w4, "
                        + "w5, w6, offload, group, watchdog, process, redis");
    }

    @Test
    void anUnknownOptionIsNamedAsAnOption() {
        assertThatThrownBy(() -> RunnerArguments.parse(List.of("--rusn", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option --rusn; ");
    }

    @Test
    void runsMustBeAPositiveWholeNumber() {
        for (String runs : List.of("x", "0", "-1", "2.5")) {
            assertThatThrownBy(() -> RunnerArguments.parse(List.of("--runs", runs)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--runs needs a positive whole number, not " + runs);
        }
    }

    @Test
    void runsWithoutANumberSaysSo() {
        assertThatThrownBy(() -> RunnerArguments.parse(List.of("w1", "--runs")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--runs needs a number of processes");
    }
}
