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
import dev.weft.bench.LockWorkloads;
import dev.weft.bench.PingPongQueue;
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
 * Steady-state costs of Weft's queues and locks against the JDK's, on a Weft loop and on JDK
 * virtual threads with one carrier: W3 ping-pong per round trip, and an uncontended lock and
 * unlock. Run with {@code ./weft jmh SyncBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.lang=ALL-UNNAMED",
        "-Djdk.virtualThreadScheduler.parallelism=1",
        "-Djdk.virtualThreadScheduler.maxPoolSize=1"})
public class SyncBenchmarks {
    /** Round trips or lock/unlock pairs per benchmark invocation. */
    public static final int BATCH = 10_000;

    /** Creates the benchmark state; JMH makes one per fork. */
    public SyncBenchmarks() {}

    /** W3 on a Weft loop through Weft's FifoQueue. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long pingPongWeftFifoQueue() throws Exception {
        return Workloads.pingPong(Engine.WEFT, PingPongQueue.WEFT_FIFO, BATCH);
    }

    /** W3 on a Weft loop through ArrayBlockingQueue. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long pingPongWeftArrayBlockingQueue() throws Exception {
        return Workloads.pingPong(Engine.WEFT, PingPongQueue.ARRAY, BATCH);
    }

    /** W3 on JDK virtual threads with one carrier through ArrayBlockingQueue. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long pingPongJdkArrayBlockingQueue() throws Exception {
        return Workloads.pingPong(Engine.JDK, PingPongQueue.ARRAY, BATCH);
    }

    /** Uncontended lock and unlock of Weft's Lock in a task. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long lockUnlockWeftLock() {
        return LockWorkloads.lockUnlock(LockWorkloads.Kind.WEFT_LOCK, BATCH);
    }

    /** Uncontended lock and unlock of Weft's RLock in a task. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long lockUnlockWeftRLock() {
        return LockWorkloads.lockUnlock(LockWorkloads.Kind.WEFT_RLOCK, BATCH);
    }

    /** Uncontended lock and unlock of ReentrantLock in a task. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long lockUnlockReentrantLock() {
        return LockWorkloads.lockUnlock(LockWorkloads.Kind.REENTRANT_LOCK, BATCH);
    }
}
