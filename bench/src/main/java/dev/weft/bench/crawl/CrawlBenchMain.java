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
package dev.weft.bench.crawl;

import com.sun.management.OperatingSystemMXBean;
import dev.weft.Weft;
import dev.weft.crawler.CrawlOptions;
import dev.weft.crawler.CrawlResult;
import dev.weft.crawler.Crawler;
import dev.weft.crawler.HtmlPage;
import dev.weft.crawler.HttpFetcher;
import dev.weft.crawler.PageRecord;
import dev.weft.crawler.PageSink;
import dev.weft.crawler.UrlNormalizer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * W6's crawler, one kind per process: crawls the site at the URL given, politeness off (one
 * host, robots.txt not fetched, no delay), with a number of requests in flight, twice: a
 * warm-up, then the measured crawl. Prints {@code RESULT pages seconds cpu-seconds}.
 *
 * <ul>
 *   <li>{@code weft}: Weft's crawler on its HTTP client, one loop.</li>
 *   <li>{@code jdk}: the same crawl written on {@code java.net.http.HttpClient} and plain
 *       virtual threads, as a developer would write it: a semaphore for the requests in flight,
 *       a concurrent set of URLs seen, and the crawler's own {@link HtmlPage} parsing (jsoup),
 *       so that both do the same work per page.</li>
 * </ul>
 *
 * <p>Usage: {@code CrawlBenchMain weft|jdk SEED_URL PAGES IN_FLIGHT}.
 */
public final class CrawlBenchMain {
    private CrawlBenchMain() {}

    /** Crawls twice and prints the second crawl's figures. */
    public static void main(String[] args) throws Exception {
        URI seed = URI.create(args[1]);
        int pages = Integer.parseInt(args[2]);
        int inFlight = Integer.parseInt(args[3]);
        for (int round = 0; round < 2; round++) {
            long cpu = cpuNanos();
            long start = System.nanoTime();
            int crawled = switch (args[0]) {
                case "weft" -> weft(seed, pages, inFlight);
                case "jdk" -> jdk(seed, inFlight);
                default -> throw new IllegalArgumentException("unknown crawler " + args[0]
                        + "; expected weft or jdk");
            };
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (cpuNanos() - cpu) / 1e9;
            if (crawled != pages) {
                throw new IllegalStateException(args[0] + " crawled " + crawled + " pages of "
                        + pages);
            }
            if (round == 1) {
                System.out.printf("RESULT %d %.4f %.4f%n", crawled, seconds, cpuSeconds);
            }
        }
    }

    /** Weft's crawl of the site; returns the pages crawled. */
    static int weft(URI seed, int pages, int inFlight) {
        var options = CrawlOptions.defaults(seed).withConcurrency(inFlight, inFlight)
                .withDelay(Duration.ZERO).withScope(true, false).withLimits(pages, pages + 1,
                        1 << 20);
        var counted = new AtomicInteger();
        PageSink sink = new PageSink() {
            @Override
            public void write(PageRecord page) {
                if (page.error() != null) {
                    throw new IllegalStateException("page failed: " + page);
                }
                counted.incrementAndGet();
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        CrawlResult result = Weft.run(() -> {
            try (var fetcher = new HttpFetcher("bench", inFlight, inFlight,
                    Duration.ofSeconds(10))) {
                return new Crawler(options, fetcher, sink, null, new SplittableRandom(1)).run();
            }
        });
        return result.stats().pages() == counted.get() ? counted.get() : -1;
    }

    /** The JDK's crawl of the site; returns the pages crawled. */
    static int jdk(URI seed, int inFlight) throws InterruptedException {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        var permits = new Semaphore(inFlight);
        var pending = new AtomicInteger();
        var crawled = new AtomicInteger();
        var finished = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .executor(threads).connectTimeout(Duration.ofSeconds(10)).build()) {
            var crawl = new Object() {
                void submit(URI url) {
                    pending.incrementAndGet();
                    threads.submit(() -> {
                        try {
                            permits.acquire();
                            try {
                                fetch(url);
                            } finally {
                                permits.release();
                            }
                        } catch (Exception failed) {
                            System.err.println("jdk crawl failed on " + url + ": " + failed);
                        } finally {
                            if (pending.decrementAndGet() == 0) {
                                finished.countDown();
                            }
                        }
                        return null;
                    });
                }

                void fetch(URI url) throws Exception {
                    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("status " + response.statusCode());
                    }
                    crawled.incrementAndGet();
                    HtmlPage page = HtmlPage.parse(response.body(), response.headers()
                            .firstValue("Content-Type").orElse(""), url);
                    for (URI link : page.links()) {
                        if (link.getAuthority().equals(seed.getAuthority())
                                && seen.add(link.toString())) {
                            submit(link);
                        }
                    }
                }
            };
            URI start = UrlNormalizer.normalize(seed).orElseThrow();
            seen.add(start.toString());
            crawl.submit(start);
            finished.await();
        }
        return crawled.get();
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
