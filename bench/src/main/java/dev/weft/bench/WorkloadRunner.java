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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the workloads W1-W3 as whole processes, alternating Weft and JDK virtual threads on one
 * carrier in the same run, and prints medians and ratios. Each process runs one workload once,
 * so a figure includes JVM start-up, as a user would see it. W8 ({@link RedisQueueRunner})
 * compares Weft's RedisQueue with Jedis and Lettuce instead.
 *
 * <p>Usage: {@code WorkloadRunner <java> [--runs N] [workload...]} (all when none is named;
 * {@link RunnerArguments} lists them); {@code ./weft bench} supplies the JDK.
 */
public final class WorkloadRunner {
    static final List<String> WEFT_FLAGS =
            List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED");
    private static final List<String> ONE_CARRIER_FLAGS = List.of(
            "-Djdk.virtualThreadScheduler.parallelism=1",
            "-Djdk.virtualThreadScheduler.maxPoolSize=1");

    private final String javaCommand;
    private final int runs;

    private WorkloadRunner(String java, int runs) {
        this.javaCommand = java;
        this.runs = runs;
    }

    /** One process's figures. */
    record Sample(double processMillis, long value, long peakRssKib, long startRssKib,
            long extra) {}

    /**
     * Runs the workloads named in the arguments; the first is the JDK's {@code java} to start
     * them with. A bad argument gets one line and the usage, and exit status 2.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: WorkloadRunner <java> [--runs N] "
                    + "[workload...]; ./weft bench supplies the java");
        }
        RunnerArguments arguments;
        try {
            arguments = RunnerArguments.parse(List.of(args).subList(1, args.length));
        } catch (IllegalArgumentException badArgument) {
            // Expected for a typo: the message names the argument.
            System.err.println("weft bench: " + badArgument.getMessage());
            System.err.println(RunnerArguments.USAGE + "  (--help says what each workload measures)");
            System.exit(2);
            return;
        }
        if (arguments.help()) {
            System.out.print(RunnerArguments.helpText());
            return;
        }
        var runner = new WorkloadRunner(args[0], arguments.runs());
        System.out.printf("Weft workloads: %d process(es) per figure, median; JDK = default "
                + "scheduler with one carrier; %s%n", arguments.runs(),
                java.lang.Runtime.version());
        for (RunnerArguments.Workload workload : arguments.workloads()) {
            switch (workload) {
                case W1 -> runner.w1();
                case W2 -> runner.w2();
                case W3 -> runner.w3();
                case OFFLOAD -> runner.offload();
                case GROUP -> runner.group();
                case WATCHDOG -> runner.watchdog();
                case W4 -> runner.w4();
                case PROCESS -> runner.process();
                case REDIS -> new RedisQueueRunner(runner.javaCommand, runner.runs).run();
                case W5 -> new HttpBenchRunner(runner.javaCommand, runner.runs).run();
                case W6 -> new CrawlBenchRunner(runner.javaCommand, runner.runs).run();
            }
        }
    }

    private void w1() throws Exception {
        int n = 1_000_000;
        List<List<Sample>> both = alternate("w1", n);
        System.out.printf("%nW1 spawn %,d trivial tasks and join them%n", n);
        header();
        row("process wall (ms)", both, Sample::processMillis);
        row("in-process wall (ms)", both, s -> s.value() / 1e6);
        row("peak RSS (MiB)", both, s -> s.peakRssKib() / 1024.0);
        ratio("throughput, Weft / JDK", both, Sample::processMillis);
    }

    private void w2() throws Exception {
        int n = 100_000;
        List<List<Sample>> both = alternate("w2", n);
        List<List<Sample>> heap = alternate("w2heap", n);
        System.out.printf("%nW2 %,d tasks each sleep 1 s at once, then join%n", n);
        header();
        row("process wall (ms)", both, Sample::processMillis);
        row("in-process wall (ms)", both, s -> s.value() / 1e6);
        row("peak RSS (MiB)", both, s -> s.peakRssKib() / 1024.0);
        row("RSS growth per task (KiB)", both,
                s -> (s.peakRssKib() - s.startRssKib()) / (double) n);
        row("heap per sleeping task (KiB)", heap, s -> s.value() / 1024.0);
        ratio("speed, Weft / JDK", both, Sample::processMillis);
    }

    private void w3() throws Exception {
        int n = 1_000_000;
        List<List<Sample>> both = alternate("w3", n);
        System.out.printf("%nW3 ping-pong through ArrayBlockingQueue, %,d round trips%n", n);
        header();
        row("ns per round trip", both, s -> s.value() / (double) n);
        row("process wall (ms)", both, Sample::processMillis);
        ratio("speed, Weft / JDK", both, s -> s.value() / (double) n);
        w3Queues(n);
    }

    /**
     * W3 again through each queue, on a Weft loop and on JDK virtual threads with one carrier:
     * Weft's own queue against the JDK's best.
     */
    private void w3Queues(int n) throws Exception {
        record Setup(String label, Engine engine, PingPongQueue queue) {}
        var setups = List.of(
                new Setup("Weft loop, Weft FifoQueue(1)", Engine.WEFT, PingPongQueue.WEFT_FIFO),
                new Setup("Weft loop, ArrayBlockingQueue(1)", Engine.WEFT, PingPongQueue.ARRAY),
                new Setup("Weft loop, SynchronousQueue", Engine.WEFT, PingPongQueue.SYNCHRONOUS),
                new Setup("JDK 1 carrier, ArrayBlockingQueue", Engine.JDK, PingPongQueue.ARRAY),
                new Setup("JDK 1 carrier, SynchronousQueue", Engine.JDK,
                        PingPongQueue.SYNCHRONOUS));
        var samples = new ArrayList<List<Sample>>();
        setups.forEach(setup -> samples.add(new ArrayList<>()));
        for (int i = 0; i < runs; i++) {
            for (int s = 0; s < setups.size(); s++) {
                Setup setup = setups.get(s);
                samples.get(s).add(runProcess("w3", setup.engine(), n, setup.queue().option()));
            }
        }
        System.out.printf("%nW3 by queue, %,d round trips, ns per round trip (median)%n", n);
        double weft = median(samples.get(0), sample -> sample.value() / (double) n);
        double best = Double.MAX_VALUE;
        for (int s = 0; s < setups.size(); s++) {
            double perTrip = median(samples.get(s), sample -> sample.value() / (double) n);
            System.out.printf("  %-36s %10.1f%n", setups.get(s).label(), perTrip);
            if (s > 0) {
                best = Math.min(best, perTrip);
            }
        }
        System.out.printf("  %-36s %9.2fx%n", "Weft FifoQueue vs the best other", best / weft);
    }

    /**
     * A task offloads 1,000 blocking calls of 10 ms through a pool of 100 workers while a second
     * task of the same loop sleeps 1 ms at a time: the wall time (ideal 0.1 s) and how late the
     * second task's timers are.
     */
    private void offload() throws Exception {
        int calls = 1_000;
        var samples = new ArrayList<Sample>();
        for (int i = 0; i < runs; i++) {
            samples.add(runProcess("offload", Engine.WEFT, calls));
        }
        System.out.printf("%nOffload %,d blocking calls of 10 ms through 100 workers, a 1 ms "
                + "ticker on the same loop (median)%n", calls);
        System.out.printf("  %-36s %10.1f%n", "wall (ms), ideal 100",
                median(samples, s -> s.value() / 1e6));
        System.out.printf("  %-36s %10.2f%n", "ticker lateness p99 (ms)",
                median(samples, s -> s.extra() / 1e6));
    }

    /**
     * W7: 1,000 {@code /bin/true} with 50 in flight, and 1 GiB through {@code cat}, through
     * Weft's Subprocess (with its loop's ticker lateness beside it) and ProcessBuilder on JDK
     * virtual threads (the default scheduler) and on platform threads, alternating in one run.
     */
    private void process() throws Exception {
        System.out.printf("%nW7 processes (median of %d)%n", runs);
        System.out.printf("  %-50s %10s %16s%n", "", "wall (ms)", "ticker p99 (ms)");
        for (String workload : List.of("process-spawn", "process-cat")) {
            int n = workload.equals("process-spawn") ? 1_000 : 1_024;
            var variants = new ArrayList<>(List.of(ProcessWorkloads.Variant.values()));
            if (workload.equals("process-spawn")) {   // no pipes, so no pumps to compare
                variants.remove(ProcessWorkloads.Variant.PUMPED_THREADS);
            }
            var samples = new ArrayList<List<Sample>>();
            variants.forEach(v -> samples.add(new ArrayList<>()));
            for (int i = 0; i < runs; i++) {
                for (int v = 0; v < variants.size(); v++) {
                    var variant = variants.get(v);
                    // Every variant gets Weft's flag only: JDK virtual threads run on the default
                    // scheduler here, since on one carrier a pipe write that blocks holds the
                    // only carrier and cat never gets read (the JDK compensates by adding
                    // carriers, which one carrier forbids).
                    samples.get(v).add(runProcess(workload, Engine.WEFT, n,
                            variant.name().toLowerCase(Locale.ROOT).replace('_', '-')));
                }
            }
            String title = workload.equals("process-spawn")
                    ? "1,000 /bin/true, 50 in flight" : "1 GiB through cat";
            double weftWall = median(samples.get(0), s -> s.value() / 1e6);
            double best = Double.MAX_VALUE;
            double floor = Double.NaN;
            for (int v = 0; v < variants.size(); v++) {
                double wall = median(samples.get(v), s -> s.value() / 1e6);
                if (variants.get(v) == ProcessWorkloads.Variant.PUMPED_THREADS) {
                    floor = wall;   // a reference for Weft's design, not a competitor
                } else if (v > 0) {
                    best = Math.min(best, wall);
                }
                System.out.printf("  %-50s %10.1f %16s%n", title + ", " + variants.get(v)
                        .name().toLowerCase(Locale.ROOT).replace('_', ' '), wall, v == 0
                        ? String.format(Locale.ROOT, "%.2f",
                                median(samples.get(v), s -> s.extra() / 1e6)) : "-");
            }
            System.out.printf("  %-50s %9.2fx%n", "Weft vs the best other", best / weftWall);
            if (workload.equals("process-cat")) {
                System.out.printf("  %-50s %9.2fx%n", "Weft vs pumped threads (the hand-over floor)",
                        floor / weftWall);
            }
        }
    }

    /**
     * W4: an echo server on one core (one loop, or one event-loop thread) and a load client on
     * the other, 100 connections of 64-byte request and response: Weft's own networking, plain
     * java.net sockets in Weft tasks, JDK virtual threads with one carrier, and Netty with one
     * event-loop thread (epoll where it loads).
     */
    private void w4() throws Exception {
        var kinds = List.of("weft-net", "weft-javanet", "jdk-threads", "netty");
        var results = new java.util.LinkedHashMap<String, List<long[]>>();
        kinds.forEach(kind -> results.put(kind, new ArrayList<>()));
        var nativeClient = dev.weft.bench.echo.NativeEchoLoad.build();
        for (int i = 0; i < runs; i++) {
            for (String kind : kinds) {
                results.get(kind).add(echoRun(kind, nativeClient));
            }
        }
        System.out.printf("%nW4 echo, 100 connections, 64-byte messages, 10 s after 2 s of "
                + "warm-up, server on core 0 and client on core 1 (median of %d); load client: "
                + "%s%n", runs, nativeClient.isPresent() ? "echoload (C, epoll)"
                : "the Java one (no C compiler on the PATH: install gcc for the C client, "
                + "which loads a server harder)");
        System.out.printf("  %-16s %12s %10s %10s %14s%n", "server", "msg/s", "p50 us",
                "p99 us", "msg/s vs Netty");
        double netty = medianOf(results.get("netty"), 0);
        for (String kind : kinds) {
            double rate = medianOf(results.get(kind), 0);
            System.out.printf("  %-16s %12.0f %10.1f %10.1f %13.2fx%n", kind, rate,
                    medianOf(results.get(kind), 1) / 1e3, medianOf(results.get(kind), 2) / 1e3,
                    rate / netty);
        }
    }

    static double medianOf(List<long[]> samples, int field) {
        return middle(samples.stream().mapToDouble(sample -> sample[field]));
    }

    /** The median of one figure of samples that are rows of figures (W5, W6). */
    static double medianOfFigures(List<double[]> samples, int field) {
        return middle(samples.stream().mapToDouble(sample -> sample[field]));
    }

    /**
     * One server process and one client process (the C client when it could be built, else the
     * Java one); returns msg/s, p50 and p99 in ns.
     */
    private long[] echoRun(String kind,
            java.util.Optional<dev.weft.bench.echo.NativeEchoLoad> nativeClient)
            throws Exception {
        var server = new ArrayList<String>(pinnedTo(0));
        server.add(javaCommand);
        server.addAll(kind.equals("jdk-threads") ? ONE_CARRIER_FLAGS : WEFT_FLAGS);
        server.addAll(List.of("-cp", System.getProperty("java.class.path"),
                dev.weft.bench.echo.EchoServerMain.class.getName(), kind));
        Process serverProcess = new ProcessBuilder(server)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            var reader = new BufferedReader(new InputStreamReader(serverProcess.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                throw new IOException(kind + " server did not start: " + line);
            }
            int port = Integer.parseInt(line.substring(5).trim());
            if (nativeClient.isPresent()) {
                return nativeClient.get().run(pinnedTo(1), port, 100, 2, 10);
            }
            var client = new ArrayList<String>(pinnedTo(1));
            client.add(javaCommand);
            client.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    dev.weft.bench.echo.EchoLoadMain.class.getName(), line.substring(5), "100",
                    "2", "10"));
            Process clientProcess = new ProcessBuilder(client).redirectErrorStream(true).start();
            String output = new String(clientProcess.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            clientProcess.waitFor();
            String result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new IOException("the load client failed against " + kind
                            + ":\n" + output));
            return Arrays.stream(result.substring(7).trim().split(" "))
                    .mapToLong(Long::parseLong).toArray();
        } finally {
            serverProcess.getOutputStream().close();
            if (!serverProcess.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                serverProcess.destroyForcibly();
            }
        }
    }

    /** {@code taskset -c <cpu>} when the machine has it and more than one core, else nothing. */
    static List<String> pinnedTo(int cpu) {
        boolean taskset = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/taskset"));
        return taskset && Runtime.getRuntime().availableProcessors() > 1
                ? List.of("/usr/bin/taskset", "-c", Integer.toString(cpu)) : List.of();
    }

    /** W1 and W3 on Weft with the watchdog off and on (100 ms), alternating: its cost. */
    private void watchdog() throws Exception {
        var on = List.of("-Dweft.watchdog=100");
        System.out.printf("%nWatchdog cost: Weft with the watchdog off and on (100 ms), "
                + "in-process wall, median%n");
        System.out.printf("  %-30s %12s %12s %10s%n", "", "off", "on", "on / off");
        for (String workload : List.of("w1", "w3")) {
            int n = 1_000_000;
            var off = new ArrayList<Sample>();
            var watched = new ArrayList<Sample>();
            for (int i = 0; i < runs; i++) {
                off.add(runProcess(List.of(), workload, Engine.WEFT, n));
                watched.add(runProcess(on, workload, Engine.WEFT, n));
            }
            double offMillis = median(off, sample -> sample.value() / 1e6);
            double onMillis = median(watched, sample -> sample.value() / 1e6);
            System.out.printf("  %-30s %12.1f %12.1f %9.3fx%n", workload + " (ms)", offMillis,
                    onMillis, onMillis / offMillis);
        }
    }

    /** W1 on a LoopGroup of one loop and of two loops, in the same run: the scaling ratio. */
    private void group() throws Exception {
        int n = 1_000_000;
        var one = new ArrayList<Sample>();
        var two = new ArrayList<Sample>();
        for (int i = 0; i < runs; i++) {
            one.add(runProcess("group", Engine.WEFT, n, "1"));
            two.add(runProcess("group", Engine.WEFT, n, "2"));
        }
        double oneMillis = median(one, s -> s.value() / 1e6);
        double twoMillis = median(two, s -> s.value() / 1e6);
        System.out.printf("%nW1 on a LoopGroup, %,d tasks spread over the loops (in-process, "
                + "after a warm-up pass, median)%n", n);
        System.out.printf("  %-36s %10.1f%n", "1 loop (ms)", oneMillis);
        System.out.printf("  %-36s %10.1f%n", "2 loops (ms)", twoMillis);
        System.out.printf("  %-36s %9.2fx%n", "speed-up, 2 loops / 1 loop", oneMillis / twoMillis);
    }

    /** Runs the workload {@code runs} times on each engine, alternating; Weft first. */
    private List<List<Sample>> alternate(String workload, int n) throws Exception {
        var weft = new ArrayList<Sample>();
        var jdk = new ArrayList<Sample>();
        for (int i = 0; i < runs; i++) {
            weft.add(runProcess(workload, Engine.WEFT, n));
            jdk.add(runProcess(workload, Engine.JDK, n));
        }
        return List.of(weft, jdk);
    }

    private Sample runProcess(String workload, Engine engine, int n, String... extra)
            throws Exception {
        return runProcess(List.of(), workload, engine, n, extra);
    }

    private Sample runProcess(List<String> jvmFlags, String workload, Engine engine, int n,
            String... extra) throws Exception {
        var command = new ArrayList<String>();
        command.add(javaCommand);
        command.addAll(jvmFlags);
        command.addAll(engine == Engine.WEFT ? WEFT_FLAGS : ONE_CARRIER_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                WorkloadMain.class.getName(), workload, engine.name().toLowerCase(Locale.ROOT),
                Integer.toString(n)));
        command.addAll(List.of(extra));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        var output = new StringBuilder();
        try (var reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        int exit = process.waitFor();
        double millis = (System.nanoTime() - start) / 1e6;
        if (exit != 0 || result == null) {
            throw new IOException(workload + " on " + engine + " failed (exit " + exit + "):\n"
                    + output);
        }
        long[] fields = Arrays.stream(result.substring(7).trim().split(" "))
                .mapToLong(Long::parseLong).toArray();
        return new Sample(millis, fields[0], fields[1], fields[2],
                fields.length > 3 ? fields[3] : 0);
    }

    private static void header() {
        System.out.printf("  %-30s %12s %12s%n", "", "Weft", "JDK");
    }

    private static void row(String label, List<List<Sample>> both,
            java.util.function.ToDoubleFunction<Sample> figure) {
        System.out.printf("  %-30s %12.2f %12.2f%n", label,
                median(both.get(0), figure), median(both.get(1), figure));
    }

    private static void ratio(String label, List<List<Sample>> both,
            java.util.function.ToDoubleFunction<Sample> cost) {
        double weft = median(both.get(0), cost);
        double jdk = median(both.get(1), cost);
        System.out.printf("  %-30s %11.2fx%n", label, jdk / weft);
    }

    static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> figure) {
        return middle(samples.stream().mapToDouble(figure));
    }

    private static double middle(java.util.stream.DoubleStream figures) {
        double[] values = figures.sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
