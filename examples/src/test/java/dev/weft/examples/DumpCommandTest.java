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

package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DumpCommandTest {

    private static Process start(boolean jmx) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<String>();
        command.add(java);
        command.add("--add-opens");
        command.add("java.base/java.lang=ALL-UNNAMED");
        if (jmx) {
            command.add("-Dweft.jmx=true");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DumpTarget.class.getName());
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String readyPid(Process process) throws Exception {
        var reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("READY ")) {
                return line.substring(6);
            }
        }
        throw new AssertionError("the target ended before it was ready");
    }

    private static void stop(Process process) throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Test
    void theDumpOfARunningProgramNamesItsTasksAndWhatTheyWaitOn() throws Exception {
        Process target = start(true);
        try {
            String pid = readyPid(target);
            String text = DumpCommand.dump(pid, DumpCommand.Report.TEXT);
            assertThat(text).contains("task \"main\" RUNNING: waiting on Event[not set")
                    .contains("task \"waiter-for-release\" RUNNING: waiting on Event[not set");
            assertThat(DumpCommand.dump(pid, DumpCommand.Report.JSON))
                    .contains("\"name\":\"waiter-for-release\"");
        } finally {
            stop(target);
        }
    }

    @Test
    void aProgramWithoutJmxGetsAnExplanation() throws Exception {
        Process target = start(false);
        try {
            String pid = readyPid(target);
            assertThat(DumpCommand.dump(pid, DumpCommand.Report.TEXT))
                    .isEqualTo("process " + pid + " has no Weft loop registered with JMX; run it "
                            + "with -Dweft.jmx=true (or -Dweft.debug=true)\n");
        } finally {
            stop(target);
        }
    }

    /** What {@link DumpCommand#run} printed and returned. */
    private record Outcome(int status, List<String> out, List<String> err) {}

    private static Outcome run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = DumpCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void aProcessIdThatIsNotANumberIsAUsageError() {
        assertThat(run("abc")).isEqualTo(new Outcome(2, List.of(),
                List.of("weft dump: not a process id: abc", DumpCommand.USAGE)));
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("1", "--bogus")).isEqualTo(new Outcome(2, List.of(), List.of(
                "weft dump: unknown option --bogus; expected --json or --blocking",
                DumpCommand.USAGE)));
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertThat(run()).isEqualTo(new Outcome(2, List.of(),
                List.of("weft dump: no process id given", DumpCommand.USAGE)));
    }

    @Test
    void aProcessThatIsNotRunningIsNamed() {
        long pid = Integer.MAX_VALUE;   // above any system's largest process id
        assertThat(run(Long.toString(pid))).isEqualTo(new Outcome(1, List.of(), List.of(
                "weft dump: no process " + pid + " is running; jps lists the Java ones",
                DumpCommand.USAGE)));
    }
}
