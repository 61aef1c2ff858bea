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
