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

import java.time.Duration;

/**
 * Runs one workload once in this JVM and prints one result line for {@link WorkloadRunner}:
 * {@code RESULT <value> <peak RSS KiB> <RSS at start KiB>}.
 *
 * <p>Usage: {@code WorkloadMain w1|w2|w2heap|w3|offload|group|process-spawn|process-cat
 * weft|jdk <n> [option]}; the option chooses W3's queue ({@code weft-fifo|array|synchronous},
 * default array), the group's number of loops (default 1), or the process workloads' variant
 * ({@code weft|virtual-threads|platform-threads}; for process-cat, n is in MiB). The offload workload adds a fourth figure: the p99 lateness of a timer
 * on the same loop, in nanoseconds.
 */
public final class WorkloadMain {
    private WorkloadMain() {}

    /** Runs the workload named by the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 4) {
            throw new IllegalArgumentException("usage: WorkloadMain "
                    + "w1|w2|w2heap|w3|offload|group|process-spawn|process-cat weft|jdk <n> "
                    + "[option]; got "
                    + String.join(" ", args));
        }
        String option = args.length == 4 ? args[3] : null;
        String extra = "";
        Engine engine = Engine.parse(args[1]);
        int n = Integer.parseInt(args[2]);
        long rssAtStart = ProcessMemory.residentKib();
        long value = switch (args[0]) {
            case "w1" -> Workloads.spawnAndJoin(engine, n);
            case "w2" -> Workloads.sleepers(engine, n, Duration.ofSeconds(1), false);
            case "w2heap" -> Workloads.sleepers(engine, n, Duration.ofSeconds(1), true);
            case "w3" -> Workloads.pingPong(engine,
                    option == null ? PingPongQueue.ARRAY : PingPongQueue.parse(option), n);
            case "offload" -> {
                var figures = ExecWorkloads.offload(n, Duration.ofMillis(10), 100);
                extra = " " + figures.latenessP99Nanos();
                yield figures.wallNanos();
            }
            case "process-spawn" -> {
                var figures = ProcessWorkloads.spawn(ProcessWorkloads.Variant.parse(option), n,
                        50);
                extra = " " + figures.latenessP99Nanos();
                yield figures.wallNanos();
            }
            case "process-cat" -> {
                var figures = ProcessWorkloads.cat(ProcessWorkloads.Variant.parse(option),
                        (long) n << 20);
                extra = " " + figures.latenessP99Nanos();
                yield figures.wallNanos();
            }
            case "group" -> {
                int loops = option == null ? 1 : Integer.parseInt(option);
                ExecWorkloads.spawnAndJoinOnGroup(loops, n / 2);   // warm-up: JIT, heap sizing
                yield ExecWorkloads.spawnAndJoinOnGroup(loops, n);
            }
            default -> throw new IllegalArgumentException("unknown workload " + args[0]
                    + "; expected w1, w2, w2heap, w3, offload, group, process-spawn or process-cat");
        };
        System.out.println("RESULT " + value + " " + ProcessMemory.peakResidentKib() + " "
                + rssAtStart + extra);
    }
}
