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
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.weft.bench.jmh.TaskBenchmarks;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs every workload and benchmark once with a tiny size, so none of them rots. */
class WorkloadsSmokeTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void spawnAndJoinRuns(Engine engine) throws Exception {
        assertThat(Workloads.spawnAndJoin(engine, 100)).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void sleepersRun(Engine engine) throws Exception {
        assertThat(Workloads.sleepers(engine, 100, Duration.ofMillis(5), false)).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void sleepersMeasureTheirHeap(Engine engine) {
        // With 100 tasks the heap's growth is within a collection's noise and may be below
        // zero: the smoke run checks that the measuring path runs, not the figure.
        assertThatCode(() -> Workloads.sleepers(engine, 100, Duration.ofMillis(5), true))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void pingPongRuns(Engine engine) throws Exception {
        assertThat(Workloads.pingPong(engine, 100)).isPositive();
    }

    @Test
    void theWorkloadMainPrintsAResultLine() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            WorkloadMain.main(new String[] {"w1", "weft", "10"});
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("RESULT ");
    }

    @Test
    void theJmhBenchmarksRun() throws Exception {
        var benchmarks = new TaskBenchmarks();
        assertThat(benchmarks.spawnAndJoinWeft()).isPositive();
        assertThat(benchmarks.spawnAndJoinJdk()).isPositive();
        assertThat(benchmarks.pingPongWeft()).isPositive();
        assertThat(benchmarks.pingPongJdk()).isPositive();
    }

    @Test
    void theRunnerTakesTheMedian() {
        var samples = java.util.List.of(new WorkloadRunner.Sample(3, 0, 0, 0, 0),
                new WorkloadRunner.Sample(1, 0, 0, 0, 0), new WorkloadRunner.Sample(2, 0, 0, 0, 0));
        assertThat(WorkloadRunner.median(samples, WorkloadRunner.Sample::processMillis))
                .isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(PingPongQueue.class)
    void pingPongRunsThroughEveryQueueOnBothEngines(PingPongQueue queue) throws Exception {
        for (Engine engine : Engine.values()) {
            assertThat(Workloads.pingPong(engine, queue, 100)).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(LockWorkloads.Kind.class)
    void lockUnlockRunsForEveryLock(LockWorkloads.Kind kind) {
        assertThat(LockWorkloads.lockUnlock(kind, 100)).isNotNegative();
    }

    @Test
    void theSyncBenchmarksRun() throws Exception {
        var benchmarks = new dev.weft.bench.jmh.SyncBenchmarks();
        assertThat(benchmarks.pingPongWeftFifoQueue()).isPositive();
        assertThat(benchmarks.pingPongWeftArrayBlockingQueue()).isPositive();
        assertThat(benchmarks.pingPongJdkArrayBlockingQueue()).isPositive();
        assertThat(benchmarks.lockUnlockWeftLock()).isNotNegative();
        assertThat(benchmarks.lockUnlockWeftRLock()).isNotNegative();
        assertThat(benchmarks.lockUnlockReentrantLock()).isNotNegative();
    }

    @Test
    void theWorkloadMainTakesW3sQueue() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            WorkloadMain.main(new String[] {"w3", "weft", "10", "weft-fifo"});
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("RESULT ");
    }

    @Test
    void theOffloadWorkloadRunsAndMeasuresTheTicker() {
        var figures = ExecWorkloads.offload(20, java.time.Duration.ofMillis(1), 10);
        assertThat(figures.wallNanos()).isPositive();
        assertThat(figures.latenessP99Nanos()).isNotNegative();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(ProcessWorkloads.Variant.class)
    void theProcessWorkloadsRunOnEveryVariant(ProcessWorkloads.Variant variant) throws Exception {
        assertThat(ProcessWorkloads.spawn(variant, 6, 3).wallNanos()).isPositive();
        assertThat(ProcessWorkloads.cat(variant, 3L << 20).wallNanos()).isPositive();
    }

    @Test
    void theGroupWorkloadRunsOnOneAndTwoLoops() throws Exception {
        assertThat(ExecWorkloads.spawnAndJoinOnGroup(1, 100)).isPositive();
        assertThat(ExecWorkloads.spawnAndJoinOnGroup(2, 100)).isPositive();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"weft-net", "weft-javanet",
            "jdk-threads", "netty"})
    void eachEchoServerAnswersTheLoadClient(String kind) throws Exception {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(javaCommand, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                dev.weft.bench.echo.EchoServerMain.class.getName(), kind)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                    server.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            String port = reader.readLine().substring("PORT ".length());
            var out = new java.io.ByteArrayOutputStream();
            var original = System.out;
            System.setOut(new java.io.PrintStream(out, true,
                    java.nio.charset.StandardCharsets.UTF_8));
            try {
                dev.weft.bench.echo.EchoLoadMain.main(new String[] {port, "4", "0", "1"});
            } finally {
                System.setOut(original);
            }
            String[] result = out.toString(java.nio.charset.StandardCharsets.UTF_8).trim()
                    .split(" ");
            assertThat(result[0]).isEqualTo("RESULT");
            assertThat(Long.parseLong(result[1])).isPositive();
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
