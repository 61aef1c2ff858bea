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
package dev.weft.crawler;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a crawl runs. The defaults follow the big crawlers: Scrapy's 16 requests in flight and 8
 * per host, StormCrawler's 1 s between two requests to a host and its 30 s cap on a robots.txt
 * crawl-delay, two retries of a 408, 429, 5xx or connection fault.
 *
 * @param seeds where the crawl starts; with {@code sameHost}, also its scope
 * @param concurrency the most requests in flight in all
 * @param perHost the most requests in flight to one host
 * @param delay the least time between the starts of two requests to one host
 * @param maxCrawlDelay the cap on a robots.txt crawl-delay
 * @param timeout the limit on one fetch, from the request to the body's last byte
 * @param retries how many times a retryable failure is tried again
 * @param backoff the first retry's wait, doubled for each later one and jittered by half
 * @param maxRetryWait the longest wait for a retry, {@code Retry-After} included; a server that
 *     asks for more gets its page recorded as failed
 * @param maxDepth how many links from a seed the crawl follows
 * @param maxPages how many pages the crawl fetches at most
 * @param maxBodyBytes the most body bytes read from one page; a longer body is cut
 * @param sameHost whether only the seeds' hosts are crawled
 * @param obeyRobots whether robots.txt is fetched and obeyed
 * @param userAgent the {@code User-Agent} header and the robots.txt name
 * @param stopGrace how long in-flight requests may take to finish when the crawl is stopped
 */
public record CrawlOptions(List<URI> seeds, int concurrency, int perHost, Duration delay,
        Duration maxCrawlDelay, Duration timeout, int retries, Duration backoff,
        Duration maxRetryWait, int maxDepth, int maxPages, int maxBodyBytes, boolean sameHost,
        boolean obeyRobots, String userAgent, Duration stopGrace) {
    /** The robots.txt name and the start of the default {@code User-Agent}. */
    public static final String ROBOT_NAME = "weft-crawler";

    /** Checks every option and says which is wrong. */
    public CrawlOptions {
        seeds = List.copyOf(Objects.requireNonNull(seeds, "seeds"));
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a crawl needs at least one seed URL");
        }
        for (URI seed : seeds) {
            if (UrlNormalizer.normalize(seed).isEmpty()) {
                throw new IllegalArgumentException("seed " + seed + " is not an absolute http "
                        + "or https URL; write it as http://host/path");
            }
        }
        positive(concurrency, "concurrency");
        positive(perHost, "perHost");
        positive(maxPages, "maxPages");
        positive(maxBodyBytes, "maxBodyBytes");
        if (retries < 0 || maxDepth < 0) {
            throw new IllegalArgumentException("retries and maxDepth must not be negative: "
                    + retries + ", " + maxDepth);
        }
        notNegative(delay, "delay");
        notNegative(maxCrawlDelay, "maxCrawlDelay");
        notNegative(backoff, "backoff");
        notNegative(maxRetryWait, "maxRetryWait");
        notNegative(stopGrace, "stopGrace");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /** The defaults, starting at {@code seed}. */
    public static CrawlOptions defaults(URI seed) {
        return new CrawlOptions(List.of(seed), 16, 8, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(30), 2, Duration.ofSeconds(1),
                Duration.ofMinutes(2), 5, 10_000, 4 * 1024 * 1024, true, true,
                ROBOT_NAME + "/0.1", Duration.ofSeconds(10));
    }

    /** A copy with other concurrency limits, in all and per host. */
    public CrawlOptions withConcurrency(int total, int host) {
        return new CrawlOptions(seeds, total, host, delay, maxCrawlDelay, timeout, retries,
                backoff, maxRetryWait, maxDepth, maxPages, maxBodyBytes, sameHost, obeyRobots,
                userAgent, stopGrace);
    }

    /** A copy with another per-host delay. */
    public CrawlOptions withDelay(Duration value) {
        return new CrawlOptions(seeds, concurrency, perHost, value, maxCrawlDelay, timeout,
                retries, backoff, maxRetryWait, maxDepth, maxPages, maxBodyBytes, sameHost,
                obeyRobots, userAgent, stopGrace);
    }

    /** A copy with another fetch timeout. */
    public CrawlOptions withTimeout(Duration value) {
        return new CrawlOptions(seeds, concurrency, perHost, delay, maxCrawlDelay, value,
                retries, backoff, maxRetryWait, maxDepth, maxPages, maxBodyBytes, sameHost,
                obeyRobots, userAgent, stopGrace);
    }

    /** A copy with other retry settings. */
    public CrawlOptions withRetries(int count, Duration firstWait, Duration longestWait) {
        return new CrawlOptions(seeds, concurrency, perHost, delay, maxCrawlDelay, timeout,
                count, firstWait, longestWait, maxDepth, maxPages, maxBodyBytes, sameHost,
                obeyRobots, userAgent, stopGrace);
    }

    /** A copy with other depth, page and body limits. */
    public CrawlOptions withLimits(int depth, int pages, int bodyBytes) {
        return new CrawlOptions(seeds, concurrency, perHost, delay, maxCrawlDelay, timeout,
                retries, backoff, maxRetryWait, depth, pages, bodyBytes, sameHost, obeyRobots,
                userAgent, stopGrace);
    }

    /** A copy with another scope and robots.txt choice. */
    public CrawlOptions withScope(boolean onlySeedHosts, boolean robots) {
        return new CrawlOptions(seeds, concurrency, perHost, delay, maxCrawlDelay, timeout,
                retries, backoff, maxRetryWait, maxDepth, maxPages, maxBodyBytes, onlySeedHosts,
                robots, userAgent, stopGrace);
    }

    /** A copy with another cap on robots.txt crawl-delays. */
    public CrawlOptions withMaxCrawlDelay(Duration value) {
        return new CrawlOptions(seeds, concurrency, perHost, delay, value, timeout, retries,
                backoff, maxRetryWait, maxDepth, maxPages, maxBodyBytes, sameHost, obeyRobots,
                userAgent, stopGrace);
    }

    /** A copy with another grace for in-flight requests at a stop. */
    public CrawlOptions withStopGrace(Duration value) {
        return new CrawlOptions(seeds, concurrency, perHost, delay, maxCrawlDelay, timeout,
                retries, backoff, maxRetryWait, maxDepth, maxPages, maxBodyBytes, sameHost,
                obeyRobots, userAgent, value);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }

    private static void notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, not " + value);
        }
    }
}
