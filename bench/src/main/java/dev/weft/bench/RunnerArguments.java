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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The command line of {@code ./weft bench}: how many processes make each figure, and which
 * workloads run.
 *
 * @param runs processes per figure, at least 1
 * @param workloads the workloads in the order named; all of them when none was named
 * @param help whether {@code --help} was asked for, in which case nothing runs
 */
record RunnerArguments(int runs, List<Workload> workloads, boolean help) {

    /** A workload of {@link WorkloadRunner}, named on the command line in lower case. */
    enum Workload {
        W1("1,000,000 trivial tasks spawned and joined"),
        W2("100,000 tasks that each sleep 1 s at once; memory per task"),
        W3("ping-pong through a queue, 1,000,000 round trips; then by kind of queue"),
        W4("echo server, 100 connections, against java.net, JDK threads and Netty"),
        W5("HTTP plaintext (keep-alive, pipelined 16) and JSON with wrk, against Netty and "
                + "Helidon"),
        W6("a crawl of 20,000 pages, 200 in flight, against java.net.http on virtual threads"),
        OFFLOAD("1,000 blocking calls of 10 ms through 100 workers, beside a 1 ms ticker"),
        GROUP("W1 on a LoopGroup of one loop and of two"),
        WATCHDOG("W1 and W3 with the watchdog off and on: its cost"),
        PROCESS("1,000 /bin/true and 1 GiB through cat, against ProcessBuilder"),
        REDIS("W8: a durable queue on a redis-server it starts, against Jedis and Lettuce");

        final String description;

        Workload(String description) {
            this.description = description;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String USAGE = "usage: ./weft bench [--runs N] [workload...]";

    /** Returns the usage line and what each workload measures. */
    static String helpText() {
        var text = new StringBuilder(USAGE).append('\n').append("""
                Runs each workload as whole processes, Weft against JDK virtual threads on one
                carrier, and prints the median of N processes per figure (default 5).
                Workloads (default: all):
                """);
        for (Workload workload : Workload.values()) {
            text.append(String.format("  %-9s %s%n", workload.label(), workload.description));
        }
        return text.toString();
    }

    /**
     * Parses the arguments that follow the JDK's path.
     *
     * @throws IllegalArgumentException naming the argument that is wrong, in one line
     */
    static RunnerArguments parse(List<String> args) {
        int runs = 5;
        var workloads = new ArrayList<Workload>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    return new RunnerArguments(runs, List.of(), true);
                }
                case "--runs" -> {
                    if (++i == args.size()) {
                        throw new IllegalArgumentException("--runs needs a number of processes");
                    }
                    runs = positive(args.get(i));
                }
                default -> workloads.add(workload(arg));
            }
        }
        return new RunnerArguments(runs,
                workloads.isEmpty() ? List.of(Workload.values()) : List.copyOf(workloads), false);
    }

    private static int positive(String text) {
        try {
            int runs = Integer.parseInt(text);
            if (runs > 0) {
                return runs;
            }
        } catch (NumberFormatException notANumber) {
            // falls through to the message, which names the text
        }
        throw new IllegalArgumentException("--runs needs a positive whole number, not " + text);
    }

    private static Workload workload(String name) {
        return Arrays.stream(Workload.values())
                .filter(workload -> workload.label().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        (name.startsWith("-") ? "unknown option " : "unknown workload ") + name
                        + "; expected --runs N or one of " + Arrays.stream(Workload.values())
                                .map(Workload::label).collect(Collectors.joining(", "))));
    }
}
