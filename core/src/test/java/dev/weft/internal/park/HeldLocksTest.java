package dev.weft.internal.park;

import dev.weft.internal.hook.JvmProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeldLocksTest {

    @Test
    void locksComeOffTheListInAnyOrder() {
        var held = new HeldLocks();
        var a = new WaitPoint("a");
        var b = new WaitPoint("b");
        var c = new WaitPoint("c");
        held.add(a, null);
        held.add(b, null);
        held.add(c, null);
        held.remove(b);
        assertThat(held.locks()).containsExactly(c, a);
        held.remove(c);
        held.remove(a);
        assertThat(held.isEmpty()).isTrue();
        held.remove(a);   // not on the list: nothing happens
        assertThat(held.isEmpty()).isTrue();
    }

    @Test
    void withDebugOnTheReportOfATaskEndingHoldingALockShowsWhereItTookIt() throws Exception {
        JvmProcess.Outcome outcome = JvmProcess.run(
                List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dweft.debug=true"),
                LockSiteProbe.class);
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output())
                .contains("MESSAGE task \"careless\" ended while holding Lock \"db\"")
                .contains("it was acquired where the trace shows")
                .contains("FRAME takeAndForget");
    }
}
