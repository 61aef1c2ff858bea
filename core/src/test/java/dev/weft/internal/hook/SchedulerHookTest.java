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

package dev.weft.internal.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerHookTest {

    @Test
    void threadsOfTheHookRunWhereTheSchedulerRunsThem() throws Exception {
        var queue = new ArrayDeque<Runnable>();
        var ranVirtual = new boolean[1];
        Thread thread = SchedulerHook.get().newVirtualThread(queue::add,
                () -> ranVirtual[0] = Thread.currentThread().isVirtual());
        thread.start();
        assertThat(queue).hasSize(1);
        Thread runner = Thread.ofPlatform().start(() -> queue.poll().run());
        runner.join();
        assertThat(ranVirtual[0]).isTrue();
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void withoutTheFlagCreatingALoopNamesTheFlagAndWhereToPutIt() throws Exception {
        JvmProcess.Outcome outcome = JvmProcess.run(List.of(), MissingFlagProbe.class);
        assertThat(outcome.output())
                .contains("refused: Weft needs the JVM flag "
                        + "'--add-opens java.base/java.lang=ALL-UNNAMED'")
                .contains("on the command line")
                .contains("<argLine>--add-opens java.base/java.lang=ALL-UNNAMED</argLine>")
                .contains("Add-Opens: java.base/java.lang");
    }

    @Test
    void withTheFlagCreatingALoopWorks() throws Exception {
        JvmProcess.Outcome outcome = JvmProcess.run(
                List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), MissingFlagProbe.class);
        assertThat(outcome.output()).startsWith("created weft-");
    }

    @Test
    void theJdkSocketPollersAreNotCapturedByTheFirstLoopThatReadsASocket() throws Exception {
        JvmProcess.Outcome outcome = JvmProcess.run(
                List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), PollerProbe.class);
        assertThat(outcome.output())
                .contains("plain read completed while the loop was busy: true");
    }

    @Test
    void withTheVirtualThreadPollerModeChosenThePollersAreNotCapturedEither() throws Exception {
        JvmProcess.Outcome outcome = JvmProcess.run(List.of("-Djdk.pollerMode=2",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED"), PollerProbe.class);
        assertThat(outcome.output())
                .contains("plain read completed while the loop was busy: true");
    }

    @Test
    void weftPicksThePlatformThreadPollersWhenTheApplicationChoseNone() throws Exception {
        JvmProcess.Outcome outcome = JvmProcess.run(
                List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), PollerModeProbe.class);
        assertThat(outcome.output()).contains("jdk.pollerMode=1");
    }

    @Test
    void weftCanBeUsedFirstFromAVirtualThread() throws Exception {
        JvmProcess.Outcome outcome = JvmProcess.run(
                List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"),
                VirtualFirstUseProbe.class);
        assertThat(outcome.output()).contains("result 42");
    }
}
