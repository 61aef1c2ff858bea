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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W6: a crawl of a generated site of {@value #PAGES} pages with politeness off (one host, no
 * robots.txt, no delay, {@value #IN_FLIGHT} requests in flight), by Weft's crawler and by the
 * same crawl on {@code java.net.http.HttpClient} with plain virtual threads. The site is a
 * Weft HTTP server on core 1, the crawler a process on core 0; each crawler process crawls once
 * to warm up and then once measured. Pages per second and CPU time per page, medians of the
 * runs, which alternate the two crawlers.
 */
final class CrawlBenchRunner {
    private static final int PAGES = 20_000;
    private static final int IN_FLIGHT = 200;

    private final String javaCommand;
    private final int runs;

    CrawlBenchRunner(String javaCommand, int runs) {
        this.javaCommand = javaCommand;
        this.runs = runs;
    }

    void run() throws Exception {
        var site = new ArrayList<>(WorkloadRunner.pinnedTo(1));
        site.add(javaCommand);
        site.addAll(WorkloadRunner.WEFT_FLAGS);
        site.addAll(List.of("-cp", System.getProperty("java.class.path"),
                dev.weft.bench.crawl.CrawlSiteMain.class.getName(), "0", "3600",
                Integer.toString(PAGES)));
        Process server = new ProcessBuilder(site).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        try {
            var reader = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                throw new IOException("the crawl site did not start: " + line);
            }
            String seed = "http://127.0.0.1:" + line.substring(5) + "/page/1";
            for (int i = 0; i < runs; i++) {
                for (String kind : List.of("weft", "jdk")) {
                    results.computeIfAbsent(kind, key -> new ArrayList<>())
                            .add(crawl(kind, seed));
                }
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
        System.out.printf("%nW6 crawl of %,d pages, %d in flight, politeness off, crawler on "
                + "core 0 and site on core 1 (median of %d)%n", PAGES, IN_FLIGHT, runs);
        System.out.printf("  %-34s %12s %14s %12s%n", "crawler", "pages/s", "CPU us/page",
                "vs JDK");
        double jdkRate = WorkloadRunner.medianOfFigures(results.get("jdk"), 0);
        for (var entry : results.entrySet()) {
            double rate = WorkloadRunner.medianOfFigures(entry.getValue(), 0);
            System.out.printf("  %-34s %12.0f %14.0f %11.2fx%n", entry.getKey().equals("weft")
                    ? "Weft crawler, one loop" : "java.net.http on virtual threads", rate,
                    WorkloadRunner.medianOfFigures(entry.getValue(), 1), rate / jdkRate);
        }
    }

    /** One crawler process: pages per second and CPU microseconds per page. */
    private double[] crawl(String kind, String seed) throws Exception {
        var command = new ArrayList<>(WorkloadRunner.pinnedTo(0));
        command.add(javaCommand);
        command.addAll(WorkloadRunner.WEFT_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                dev.weft.bench.crawl.CrawlBenchMain.class.getName(), kind, seed,
                Integer.toString(PAGES), Integer.toString(IN_FLIGHT)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(kind + " crawl failed:\n" + output);
        }
        for (String line : output.lines().toList()) {
            if (line.startsWith("RESULT ")) {
                String[] parts = line.split(" ");
                int pages = Integer.parseInt(parts[1]);
                double seconds = Double.parseDouble(parts[2]);
                double cpu = Double.parseDouble(parts[3]);
                return new double[] {pages / seconds, cpu * 1e6 / pages};
            }
        }
        throw new IOException(kind + " crawl printed no result:\n" + output);
    }
}
