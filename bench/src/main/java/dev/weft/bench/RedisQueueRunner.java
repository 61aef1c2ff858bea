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

import dev.weft.redis.LocalRedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * W8 for {@link WorkloadRunner}: starts one redis-server, runs each variant of
 * {@link RedisQueueWorkloads} as its own process, alternating, and prints the medians and how
 * Weft's throughput compares with the best other client. Skips, with one line, when
 * redis-server is not installed.
 */
final class RedisQueueRunner {
    private static final int ENTRIES = 200_000;
    /** What to print when redis-server is missing: what needs it, and how to install it. */
    static final String MISSING = "redis-server is not on the PATH; W8 needs it "
            + "(apt-get install -y redis-server), so it is skipped";

    private final String javaCommand;
    private final int runs;

    RedisQueueRunner(String javaCommand, int runs) {
        this.javaCommand = javaCommand;
        this.runs = runs;
    }

    /** Runs W8 and prints its table. */
    void run() throws Exception {
        if (!LocalRedisServer.isInstalled()) {
            System.out.printf("%nW8 skipped: %s%n", MISSING);
            return;
        }
        var variants = List.of(RedisQueueWorkloads.Variant.values());
        Map<RedisQueueWorkloads.Variant, List<long[]>> results =
                new EnumMap<>(RedisQueueWorkloads.Variant.class);
        variants.forEach(variant -> results.put(variant, new ArrayList<>()));
        boolean withRq = RqReference.isInstalled();
        var rqWalls = new ArrayList<long[]>();
        // Nothing saved to disk: every figure measures the network path and the server's work.
        try (var server = LocalRedisServer.start("--appendonly", "no")) {
            for (int i = 0; i < runs; i++) {
                for (RedisQueueWorkloads.Variant variant : variants) {
                    results.get(variant).add(runProcess(variant, server.port()));
                }
                if (withRq) {
                    rqWalls.add(new long[] {RqReference.run(server.port())});
                }
            }
        }
        System.out.printf("%nW8 a durable queue through one Redis: %,d entries of 32 bytes, a "
                + "producer (XADD each) and a consumer (XREADGROUP COUNT 16, XACK each) at once "
                + "(median of %d)%n", ENTRIES, runs);
        System.out.printf("  %-28s %10s %10s %10s %10s%n", "", "wall (ms)", "msg/s", "p50 (ms)",
                "p99 (ms)");
        double weft = 0;   // the best of Weft's two shapes
        double best = 0;
        for (RedisQueueWorkloads.Variant variant : variants) {
            List<long[]> samples = results.get(variant);
            double wallMillis = WorkloadRunner.medianOf(samples, 0) / 1e6;
            double rate = ENTRIES / (wallMillis / 1e3);
            if (variant.isWeft()) {
                weft = Math.max(weft, rate);
            } else {
                best = Math.max(best, rate);
            }
            System.out.printf("  %-28s %10.1f %10.0f %10.2f %10.2f%n", label(variant),
                    wallMillis, rate, WorkloadRunner.medianOf(samples, 1) / 1e6,
                    WorkloadRunner.medianOf(samples, 2) / 1e6);
        }
        System.out.printf("  %-28s %9.2fx%n", "Weft vs the best other", weft / best);
        if (withRq) {
            double rqMillis = WorkloadRunner.medianOf(rqWalls, 0) / 1e6;
            System.out.printf("  %-28s %10.1f %10.0f %10s %10s   (%,d jobs, enqueued then run by "
                    + "a SimpleWorker)%n", "python rq", rqMillis,
                    RqReference.JOBS / (rqMillis / 1e3), "-", "-", RqReference.JOBS);
        } else {
            System.out.println("  (python rq not installed: apt-get install -y python3-rq adds "
                    + "it as a reference)");
        }
    }

    private static String label(RedisQueueWorkloads.Variant variant) {
        return switch (variant) {
            case WEFT -> "weft, a task each";
            case WEFT_TASKS -> "weft, 16 tasks each";
            case WEFT_PIPELINED -> "weft, putAll(16), consume(1)";
            case WEFT_TWO_LOOPS -> "the same on two loops";
            case JEDIS -> "jedis, two threads";
            case JEDIS_PIPELINED -> "jedis pipelined, two threads";
            case LETTUCE -> "lettuce sync, two threads";
        };
    }

    /** One process of {@code variant}; returns its wall, p50 and p99, in nanoseconds. */
    private long[] runProcess(RedisQueueWorkloads.Variant variant, int port) throws Exception {
        var command = new ArrayList<String>();
        command.add(javaCommand);
        // Every variant gets Weft's flag, so that the JVMs differ only in the client.
        command.addAll(WorkloadRunner.WEFT_FLAGS);
        command.add("--enable-native-access=ALL-UNNAMED");   // Lettuce's Netty loads epoll
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                RedisQueueMain.class.getName(), variant.label(), Integer.toString(port),
                Integer.toString(ENTRIES)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        int exit = process.waitFor();
        String result = output.lines().filter(line -> line.startsWith("RESULT ")).findFirst()
                .orElse(null);
        if (exit != 0 || result == null) {
            throw new IOException("W8 on " + variant.label() + " failed (exit " + exit + "):\n"
                    + output);
        }
        return Arrays.stream(result.substring(7).trim().split(" ")).mapToLong(Long::parseLong)
                .toArray();
    }
}
