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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W5: TechEmpower's plaintext and JSON answers from Weft's HTTP server, from Netty's
 * {@code HttpServerCodec} (one event loop, epoll) and from Helidon SE (its defaults), each a
 * process on core 0, loaded by {@code wrk -t1 -c100} on core 1 for 10 s after 2 s of warm-up:
 * plaintext keep-alive, plaintext pipelined 16 deep with the script TechEmpower uses, and JSON
 * keep-alive. Requests per second and wrk's p50 and p99, each the median of the runs, which
 * interleave the servers so that a noisy minute of the machine falls on all of them.
 */
final class HttpBenchRunner {
    private static final Path WRK = Path.of("/usr/bin/wrk");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

    private final String javaCommand;
    private final int runs;

    HttpBenchRunner(String javaCommand, int runs) {
        this.javaCommand = javaCommand;
        this.runs = runs;
    }

    void run() throws Exception {
        if (!Files.isExecutable(WRK)) {
            System.out.println("\nW5 skipped: it needs wrk (apt-get install -y wrk)");
            return;
        }
        Path script = Files.createTempFile("weft-pipeline", ".lua");
        try (var in = HttpBenchRunner.class.getResourceAsStream("/w5/pipeline.lua")) {
            Files.write(script, in.readAllBytes());
        }
        var kinds = List.of("weft", "netty", "helidon");
        var variants = List.of("plaintext", "pipelined 16", "json");
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (String kind : kinds) {
                for (String variant : variants) {
                    results.computeIfAbsent(kind + "/" + variant, key -> new ArrayList<>())
                            .add(oneRun(kind, variant.equals("json") ? "/json" : "/plaintext",
                                    variant.startsWith("pipelined") ? script : null));
                }
            }
        }
        Files.deleteIfExists(script);
        System.out.printf("%nW5 HTTP, wrk -t1 -c100, 10 s after 2 s of warm-up, server on core 0 "
                + "and wrk on core 1 (median of %d)%n", runs);
        System.out.printf("  %-24s %12s %10s %10s %10s %12s%n", "server", "req/s", "p50 us",
                "p99 us", "vs Netty", "vs Helidon");
        for (String variant : variants) {
            double netty = WorkloadRunner.medianOfFigures(results.get("netty/" + variant), 0);
            double helidon = WorkloadRunner.medianOfFigures(results.get("helidon/" + variant), 0);
            for (String kind : kinds) {
                List<double[]> samples = results.get(kind + "/" + variant);
                double rate = WorkloadRunner.medianOfFigures(samples, 0);
                double p50 = WorkloadRunner.medianOfFigures(samples, 1);
                double p99 = WorkloadRunner.medianOfFigures(samples, 2);
                System.out.printf("  %-24s %12.0f %10s %10s %9.2fx %11.2fx%n",
                        kind + ", " + variant, rate, micros(p50), micros(p99), rate / netty,
                        rate / helidon);
            }
        }
    }

    /** One server process, a warm-up and a measured wrk run: req/s, p50 and p99 in us. */
    private double[] oneRun(String kind, String path, Path pipelineScript) throws Exception {
        var server = new ArrayList<>(WorkloadRunner.pinnedTo(0));
        server.add(javaCommand);
        server.addAll(WorkloadRunner.WEFT_FLAGS);
        server.addAll(List.of("-cp", System.getProperty("java.class.path"),
                dev.weft.bench.http.HttpServerMain.class.getName(), kind, "0", "60"));
        Process process = new ProcessBuilder(server)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            var reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                throw new IOException(kind + " HTTP server did not start: " + line);
            }
            String url = "http://127.0.0.1:" + line.substring(5) + path;
            wrk(url, "2s", pipelineScript);
            return parse(wrk(url, "10s", pipelineScript), kind);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static String wrk(String url, String duration, Path script) throws Exception {
        var command = new ArrayList<>(WorkloadRunner.pinnedTo(1));
        command.addAll(List.of(WRK.toString(), "-t1", "-c100", "-d" + duration, "--latency"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        if (script != null) {
            command.addAll(List.of("--", "16"));
        }
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        return output;
    }

    private static double[] parse(String output, String kind) throws IOException {
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IOException("wrk printed no rate against " + kind + ":\n" + output);
        }
        // A server that answers errors fast must not look fast.
        if (output.contains("Non-2xx or 3xx responses")) {
            throw new IOException(kind + " answered requests with errors:\n" + output);
        }
        Matcher errors = SOCKET_ERRORS.matcher(output);
        if (errors.find()) {
            System.out.println("  (" + kind + ": wrk saw socket errors, " + errors.group(1)
                    + ")");
        }
        return new double[] {Double.parseDouble(rate.group(1)), percentile(output, "50%"),
            percentile(output, "99%")};
    }

    /** wrk's latency line for a percentile, in microseconds. */
    private static double percentile(String output, String which) {
        Matcher matcher = Pattern.compile("\\s" + Pattern.quote(which)
                + "\\s+([0-9.]+)(us|ms|s)").matcher(output);
        if (!matcher.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value;
            case "ms" -> value * 1e3;
            default -> value * 1e6;
        };
    }

    /** A latency for the table; wrk prints 0 (or nothing) where it measured none. */
    private static String micros(double value) {
        return value > 0 ? String.format("%.0f", value) : "-";
    }
}
