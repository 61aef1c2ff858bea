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
