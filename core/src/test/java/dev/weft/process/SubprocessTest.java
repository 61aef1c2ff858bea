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

package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.test.RecordingHandler;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes, each bounded in time and cleaned up. */
class SubprocessTest {

    private static Command sh(String script) {
        return Command.of("/bin/sh", "-c", script);
    }

    @Test
    void runCapturesStdoutStderrAndTheExitCode() throws Exception {
        CompletedProcess done = Weft.run(() -> sh("echo out; echo err >&2; exit 3").run());
        assertThat(done.stdoutText()).isEqualTo("out\n");
        assertThat(done.stderrText()).isEqualTo("err\n");
        assertThat(done.exitCode()).isEqualTo(3);
    }

    @Test
    void checkFailsWithTheExitCodeAndTheEndOfStderr() {
        assertThatThrownBy(() -> Weft.run(() -> sh("echo 'no such table' >&2; exit 2").run()
                .check()))
                .isInstanceOf(ProcessFailedException.class)
                .hasMessageContaining("exited with 2")
                .hasMessageContaining("no such table")
                .satisfies(e -> assertThat(((ProcessFailedException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void largeOutputsOnBothPipesAtOnceDoNotDeadlock() throws Exception {
        int size = 4 * 1024 * 1024;
        CompletedProcess done = Weft.run(() -> sh("head -c " + size + " /dev/zero; "
                + "head -c " + size + " /dev/zero >&2").run());
        assertThat(done.stdout()).hasSize(size);
        assertThat(done.stderr()).hasSize(size);
    }

    @Test
    void aMegabyteGoesThroughCatWhole() throws Exception {
        byte[] data = new byte[1024 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        CompletedProcess done = Weft.run(() -> Command.of("cat").run(data));
        assertThat(Arrays.equals(done.stdout(), data)).isTrue();
    }

    @Test
    void aChildThatClosesStdinEarlyIsNoError() throws Exception {
        byte[] data = new byte[4 * 1024 * 1024];
        CompletedProcess done = Weft.run(() -> Command.of("head", "-c", "10").run(data));
        assertThat(done.stdout()).hasSize(10);
        assertThat(done.exitCode()).isZero();
    }

    @Test
    void linesAreReadAsTheyComeWhileTheLoopRunsOthers() throws Exception {
        List<String> events = Weft.run(() -> {
            var seen = new ArrayList<String>();
            try (Subprocess child = sh("echo one; sleep 0.2; echo two").start()) {
                Task<Integer> ticker = Weft.spawn(() -> {
                    int ticks = 0;
                    while (true) {
                        Weft.sleep(Duration.ofMillis(10));
                        ticks++;
                        if (ticks == 1) {
                            seen.add("tick");
                        }
                    }
                });
                seen.add(child.stdout().readLine());
                seen.add(child.stdout().readLine());   // 0.2 s later: the ticker ran meanwhile
                seen.add(String.valueOf(child.stdout().readLine()));
                ticker.cancel();
                seen.add("exit " + child.waitFor());
            }
            return seen;
        });
        assertThat(events).containsExactly("one", "tick", "two", "null", "exit 0");
    }

    @Test
    void writesGoToStdinAndStreamsCloseInOrder() throws Exception {
        String reply = Weft.run(() -> {
            try (Subprocess tr = Command.of("tr", "a-z", "A-Z").start()) {
                tr.stdin().write("weft\n");
                tr.stdin().close();
                return tr.stdout().readLine() + " " + tr.waitFor();
            }
        });
        assertThat(reply).isEqualTo("WEFT 0");
    }

    @Test
    void aTimeoutTerminatesTheChild() {
        long[] pid = new long[1];
        assertThatThrownBy(() -> Weft.run(() -> Weft.timeout(Duration.ofMillis(100), () -> {
            Subprocess sleeper = Command.of("sleep", "30").start();   // no close(): waitFor ends it
            pid[0] = sleeper.pid();
            return sleeper.waitFor();
        }))).hasCauseInstanceOf(TimeoutException.class);
        assertThat(ProcessHandle.of(pid[0]).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        int code = Weft.run(() -> {
            var stubborn = sh("trap '' TERM; echo ready; while true; do sleep 0.05; done")
                    .withTerminationGrace(Duration.ofMillis(200));
            try (Subprocess child = stubborn.start()) {
                child.stdout().readLine();   // the trap is set
                child.terminate();
                return child.exitCode();
            }
        });
        assertThat(code).isEqualTo(128 + 9);   // SIGKILL
    }

    @Test
    void terminationReachesGrandchildrenThatHoldThePipe() throws Exception {
        long[] grandchild = new long[1];
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Weft.run(() ->
                Weft.timeout(Duration.ofMillis(300), () -> {
                    try (Subprocess child = sh("sleep 30 & echo $!; wait").start()) {
                        grandchild[0] = Long.parseLong(child.stdout().readLine().strip());
                        return child.communicate(null);   // stdout stays open: the grandchild
                    }
                })));
        assertThat(thrown).hasCauseInstanceOf(TimeoutException.class);
        assertThat(grandchild[0]).isPositive();   // the wait was for the grandchild's pipe
        assertThat(ProcessHandle.of(grandchild[0]).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    @Test
    void aCancelledTaskTerminatesTheChildItWaitsFor() throws Exception {
        long[] pid = new long[1];
        Weft.run(() -> {
            Task<Integer> waiter = Weft.spawn(() -> {
                Subprocess sleeper = Command.of("sleep", "30").start();   // waitFor ends it
                pid[0] = sleeper.pid();
                return sleeper.waitFor();
            });
            while (pid[0] == 0) {
                Weft.sleep(Duration.ofMillis(5));
            }
            waiter.cancel();
            assertThatThrownBy(waiter::result).isInstanceOf(CancellationException.class);
            return null;
        });
        assertThat(ProcessHandle.of(pid[0]).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void outputStaysReadableAfterWaitForAndWhileAnotherTaskReads() throws Exception {
        List<String> seen = Weft.run(() -> {
            try (Subprocess child = sh("for i in 1 2 3; do echo line $i; done").start()) {
                Task<String> reader = Weft.spawn(() -> {
                    var lines = new StringBuilder();
                    for (String line; (line = child.stdout().readLine()) != null; ) {
                        lines.append(line).append(';');
                    }
                    return lines.toString();
                });
                int code = child.waitFor();   // may end before the reader has read anything
                return List.of(String.valueOf(code), reader.result());
            }
        });
        assertThat(seen).containsExactly("0", "line 1;line 2;line 3;");
    }

    @Test
    void communicateTwiceIsAClearError() {
        Weft.run(() -> {
            try (Subprocess child = sh("echo once").start()) {
                assertThat(child.communicate(null).stdoutText()).isEqualTo("once\n");
                assertThatThrownBy(() -> child.communicate(null))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("already called");
            }
            return null;
        });
    }

    @Test
    void writingToAChildThatHasGoneFailsAtTheNextWriteOrClose() {
        Weft.run(() -> {
            try (Subprocess child = sh("exit 0").start()) {
                child.waitFor();
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 100; i++) {
                        child.stdin().write(new byte[64 * 1024]);
                    }
                    child.stdin().close();
                }).isInstanceOf(IOException.class);
            }
            return null;
        });
    }

    @Test
    void readUntilOnAPipeKeepsToItsLimit() throws Exception {
        List<String> seen = Weft.run(() -> {
            try (Subprocess child = sh("printf 'key=value;'; head -c 100000 /dev/zero").start()) {
                var out = new ArrayList<String>();
                out.add(new String(child.stdout().readUntil(new byte[] {';'}, 64),
                        java.nio.charset.StandardCharsets.UTF_8));
                assertThatThrownBy(() -> child.stdout().readUntil(new byte[] {';'}, 1000))
                        .isInstanceOf(dev.weft.net.LimitOverrunException.class);
                out.add(String.valueOf(child.stdout().readAll(200_000).length));
                return out;
            }
        });
        assertThat(seen).containsExactly("key=value;", "100000");
    }

    @Test
    void killEndsTheTreeAtOnceAndTheProcessScopeSparesDescendants() throws Exception {
        long[] pids = new long[3];
        Weft.run(() -> {
            Subprocess tree = sh("sleep 30 & echo $!; wait").start();
            tree.stdout().readLine();
            tree.kill();
            pids[0] = tree.pid();
            tree.waitFor();   // it was killed: the wait ends at once
            Subprocess parentOnly = sh("sleep 30 & echo $!; wait")
                    .withTerminationScope(TerminationScope.PROCESS)
                    .withTerminationGrace(Duration.ZERO).start();
            pids[1] = Long.parseLong(parentOnly.stdout().readLine().strip());
            pids[2] = parentOnly.pid();
            parentOnly.terminate();
            return null;
        });
        var spared = ProcessHandle.of(pids[1]);
        try {
            assertThat(spared.map(ProcessHandle::isAlive)).contains(true);
            assertThat(ProcessHandle.of(pids[2]).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(ProcessHandle.of(pids[0]).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
        } finally {
            spared.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aGroupCancelDuringCommunicateTerminatesTheChild() {
        long[] pid = new long[1];
        assertThatThrownBy(() -> Weft.run(() -> dev.weft.TaskGroup.run(group -> {
            group.spawn(() -> {
                Subprocess child = Command.of("sleep", "30").start();
                pid[0] = child.pid();
                return child.communicate(null);
            });
            group.spawn(() -> {
                while (pid[0] == 0) {
                    Weft.sleep(Duration.ofMillis(5));
                }
                throw new IllegalStateException("sibling failed");
            });
            return null;
        }))).hasMessage("sibling failed");
        assertThat(pid[0]).isPositive();
        assertThat(ProcessHandle.of(pid[0]).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void checkQuotesOnlyTheEndOfALongStderr() {
        assertThatThrownBy(() -> Weft.run(() -> sh("head -c 5000 /dev/zero | tr '\\0' x >&2; "
                + "echo THE-END >&2; exit 1").run().check()))
                .isInstanceOf(ProcessFailedException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("THE-END")
                        .hasSizeLessThan(1200));
    }

    @Test
    void aMissingProgramIsAClearError() {
        assertThatThrownBy(() -> Weft.run(() -> Command.of("no-such-program-weft").run()))
                .isInstanceOf(java.util.concurrent.CompletionException.class)
                .cause().isInstanceOf(IOException.class)
                .hasMessageContaining("cannot start [no-such-program-weft]")
                .hasMessageContaining("PATH");
    }

    @Test
    void environmentDirectoryAndRedirectsAreTheCommands(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.txt");
        CompletedProcess merged = Weft.run(() -> sh("echo \"$GREETING\"; pwd; echo err >&2")
                .withEnvironment("GREETING", "hello").withDirectory(dir).withStderrMerged()
                .run());
        assertThat(merged.stdoutText()).isEqualTo("hello\n" + dir.toRealPath() + "\nerr\n");
        Weft.run(() -> sh("echo to-file").withStdout(Redirect.to(log.toFile())).run());
        assertThat(Files.readString(log)).isEqualTo("to-file\n");
        CompletedProcess discarded = Weft.run(() -> sh("echo gone")
                .withStdout(Redirect.DISCARD).run());
        assertThat(discarded.stdout()).isEmpty();
        assertThatThrownBy(() -> Weft.run(() -> sh("true").withStdout(Redirect.DISCARD).start()
                .stdout())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not a pipe");
    }

    @Test
    void aChildStillRunningWhenItsLoopClosesIsKilledAndReported() {
        var problems = new RecordingHandler();
        long[] pid = new long[1];
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                pid[0] = Command.of("sleep", "30").start().pid();   // forgotten
                return null;
            });
        }
        assertThat(ProcessHandle.of(pid[0]).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(problems.messages()).anyMatch(m -> m.contains("was still running when loop")
                && m.contains("killed"));
    }

    @Test
    void readingAChildsPipeNeverHoldsTheLoop() throws Exception {
        int ticks = Weft.run(() -> {
            int[] count = new int[1];
            Task<Void> ticker = Weft.spawn(() -> {
                while (true) {
                    Weft.sleep(Duration.ofMillis(5));
                    count[0]++;
                }
            });
            var readers = new ArrayList<Task<byte[]>>();
            for (int i = 0; i < 10; i++) {
                readers.add(Weft.spawn(() -> sh("sleep 0.3; echo late").run().stdout()));
            }
            Weft.joinAll(readers);
            ticker.cancel();
            return count[0];
        });
        // Held by blocking reads, the loop would have ticked at most a few times in 0.3 s.
        assertThat(ticks).isGreaterThan(10);
    }

    @Test
    void aHundredChildrenStreamingSlowlyLeaveTheLoopsTimersOnTime() {
        // Each child pauses 0.4 s between lines: a read that held the loop would make the
        // ticker at least that late. The bound is generous for a loaded machine, far below it.
        // The first round warms the JVM up (its class loading and compiling run on the loop).
        hundredStreamingChildrenWorstTickerLateness();
        assertThat(hundredStreamingChildrenWorstTickerLateness())
                .isLessThan(Duration.ofMillis(300).toNanos());
    }

    private static long hundredStreamingChildrenWorstTickerLateness() {
        return Weft.run(() -> {
            long[] worst = new long[1];
            Task<Void> ticker = Weft.spawn(() -> {
                while (true) {
                    long due = System.nanoTime() + 1_000_000;
                    Weft.sleep(Duration.ofMillis(1));
                    worst[0] = Math.max(worst[0], System.nanoTime() - due);
                }
            });
            var readers = new ArrayList<Task<Integer>>();
            for (int i = 0; i < 100; i++) {
                readers.add(Weft.spawn(() -> {
                    try (Subprocess child = sh("echo one; sleep 0.4; echo two; sleep 0.4; "
                            + "echo three").start()) {
                        int lines = 0;
                        while (child.stdout().readLine() != null) {
                            lines++;
                        }
                        assertThat(child.waitFor()).isZero();
                        return lines;
                    }
                }));
            }
            for (Task<Integer> reader : readers) {
                assertThat(reader.result()).isEqualTo(3);
            }
            ticker.cancel();
            return worst[0];
        });
    }
}
