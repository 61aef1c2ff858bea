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

package dev.weft.bench.jmh;

import dev.weft.bench.Engine;
import dev.weft.bench.Workloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Steady-state (warmed-up) costs of W1 and W3, per task and per round trip, for Weft and for JDK
 * virtual threads on one carrier. Run with {@code ./weft jmh TaskBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TaskBenchmarks {
    /** Tasks or round trips per benchmark invocation. */
    public static final int BATCH = 10_000;

    private static final String WEFT_FLAG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    private static final String ONE_CARRIER = "-Djdk.virtualThreadScheduler.parallelism=1";
    private static final String ONE_CARRIER_POOL = "-Djdk.virtualThreadScheduler.maxPoolSize=1";

    /** Creates the benchmark state; JMH makes one per fork. */
    public TaskBenchmarks() {}

    /** W1 on Weft: spawn a batch of trivial tasks and join them; time per task. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Fork(value = 1, jvmArgsAppend = WEFT_FLAG)
    public long spawnAndJoinWeft() throws Exception {
        return Workloads.spawnAndJoin(Engine.WEFT, BATCH);
    }

    /** W1 on JDK virtual threads with one carrier; time per thread. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Fork(value = 1, jvmArgsAppend = {ONE_CARRIER, ONE_CARRIER_POOL})
    public long spawnAndJoinJdk() throws Exception {
        return Workloads.spawnAndJoin(Engine.JDK, BATCH);
    }

    /** W3 on Weft: ping-pong through ArrayBlockingQueue; time per round trip. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Fork(value = 1, jvmArgsAppend = WEFT_FLAG)
    public long pingPongWeft() throws Exception {
        return Workloads.pingPong(Engine.WEFT, BATCH);
    }

    /** W3 on JDK virtual threads with one carrier; time per round trip. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Fork(value = 1, jvmArgsAppend = {ONE_CARRIER, ONE_CARRIER_POOL})
    public long pingPongJdk() throws Exception {
        return Workloads.pingPong(Engine.JDK, BATCH);
    }
}
