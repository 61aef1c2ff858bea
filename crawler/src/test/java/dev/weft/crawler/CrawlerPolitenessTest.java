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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.test.VirtualClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The politeness contract, checked exactly on the virtual clock against the demo site in memory:
 * the delays between a host's requests, its concurrency limit, Retry-After, robots.txt, and
 * every page in scope fetched and recorded once.
 */
class CrawlerPolitenessTest {
    private static final URI SEED = URI.create("http://demo.test/");

    static CrawlOptions demoOptions() {
        return CrawlOptions.defaults(SEED).withLimits(50, 10_000, 1 << 20)
                .withConcurrency(16, 4).withDelay(Duration.ofMillis(100));
    }

    /** Crawls {@code site} on a virtual clock; returns the records. */
    static List<PageRecord> crawl(CrawlOptions options, SiteFetcher fetcher) {
        var sink = new ListSink();
        VirtualClock.run(() -> new Crawler(options, fetcher, sink, null,
                new SplittableRandom(7)).run());
        return sink.pages();
    }

    static List<String> paths(List<PageRecord> pages) {
        return pages.stream().map(page -> URI.create(page.url()).getRawPath()).sorted().toList();
    }

    @Test
    void everyPageInScopeIsRecordedOnceAndFetchedOnceButTheRetriedOnes() {
        var site = new DemoSite();
        var fetcher = new SiteFetcher(site::answer);
        List<PageRecord> pages = crawl(demoOptions(), fetcher);

        var expected = new ArrayList<>(DemoSite.reachablePaths());
        expected.add("/private/secret");
        assertThat(paths(pages)).containsExactlyElementsOf(expected.stream().sorted().toList());
        for (String path : DemoSite.reachablePaths()) {
            assertThat(site.requests(path)).as(path)
                    .isEqualTo(path.startsWith("/flaky/") ? 2 : 1);
        }
        assertThat(site.requests("/robots.txt")).isOne();
        assertThat(site.requests("/private/secret")).as("disallowed by robots.txt").isZero();
        assertThat(site.requests()).doesNotContainKey("/page/301");
        assertThat(pages).filteredOn(page -> page.url().endsWith("/private/secret"))
                .singleElement().extracting(PageRecord::errorKind).isEqualTo("robots");
        assertThat(pages).filteredOn(page -> page.error() != null)
                .extracting(PageRecord::errorKind).containsExactlyInAnyOrder("robots", "http 404");
    }

    @Test
    void noTwoRequestsToAHostStartCloserThanItsDelay() {
        var fetcher = new SiteFetcher(new DemoSite()::answer);
        crawl(demoOptions(), fetcher);
        List<Long> gaps = startGaps(fetcher);
        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(
                Duration.ofMillis(100).toNanos()));
        assertThat(gaps).as("the delay is also the usual gap, not just a floor")
                .contains(Duration.ofMillis(100).toNanos());
    }

    @Test
    void aRobotsCrawlDelayLongerThanTheDelayIsHonoured() {
        var fetcher = new SiteFetcher(new DemoSite()::answer);
        crawl(demoOptions().withDelay(Duration.ZERO), fetcher);
        long crawlDelay = DemoSite.CRAWL_DELAY.toNanos();
        List<Long> gaps = startGaps(fetcher);
        // The first gap too: the page after robots.txt waits the crawl-delay it named.
        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(crawlDelay));
        assertThat(gaps).contains(crawlDelay);
    }

    @Test
    void aRobotsCrawlDelayIsCapped() {
        var fetcher = new SiteFetcher(new DemoSite()::answer);
        Duration cap = Duration.ofMillis(5);
        crawl(demoOptions().withDelay(Duration.ZERO).withMaxCrawlDelay(cap), fetcher);
        List<Long> gaps = startGaps(fetcher);
        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(cap.toNanos()));
        assertThat(gaps).contains(cap.toNanos());
    }

    @Test
    void neverMoreThanTheLimitIsInFlightToAHost() {
        var fetcher = new SiteFetcher(new DemoSite()::answer);
        // Slow pages overlap only if the delay is shorter than they are.
        crawl(demoOptions().withDelay(Duration.ofMillis(1)).withConcurrency(16, 3), fetcher);
        assertThat(fetcher.mostInFlight()).isEqualTo(3);
    }

    @Test
    void theTotalLimitHoldsAcrossHosts() {
        // Ten hosts, each page a slow one: the pool's limit is what binds.
        Function<String, DemoSite.Answer> site = path -> new DemoSite.Answer(200, "text/html",
                Map.of(), "<p>leaf".getBytes(), Duration.ofSeconds(1));
        var fetcher = new SiteFetcher(site);
        var seeds = new ArrayList<URI>();
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 3; j++) {
                seeds.add(URI.create("http://host" + i + ".test/" + j));
            }
        }
        var options = new CrawlOptions(seeds, 5, 2, Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(30), 0, Duration.ofSeconds(1), Duration.ofMinutes(1), 0, 100,
                1 << 20, true, false, "test", Duration.ofSeconds(1));
        List<PageRecord> pages = crawl(options, fetcher);
        assertThat(pages).hasSize(30);
        assertThat(fetcher.mostInFlight()).isEqualTo(5);
    }

    @Test
    void aRetryAfterIsWaitedExactlyBeforeTheRetry() {
        var calls = new HashMap<String, Integer>();
        Function<String, DemoSite.Answer> site = path -> {
            int call = calls.merge(path, 1, Integer::sum);
            if (path.equals("/") && call == 1) {
                return new DemoSite.Answer(429, "text/plain", Map.of("Retry-After", "7"),
                        new byte[0], Duration.ofMillis(30));
            }
            return new DemoSite.Answer(200, "text/html", Map.of(), "<p>ok".getBytes(),
                    Duration.ZERO);
        };
        var fetcher = new SiteFetcher(site);
        List<PageRecord> pages = crawl(demoOptions().withScope(true, false), fetcher);
        var requests = fetcher.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).startNanos() - requests.get(0).endNanos())
                .isEqualTo(Duration.ofSeconds(7).toNanos());
        assertThat(pages).singleElement().satisfies(page -> {
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.attempts()).isEqualTo(2);
            assertThat(page.error()).isNull();
        });
    }

    @Test
    void aRetryAfterPausesTheWholeHost() {
        var calls = new HashMap<String, Integer>();
        Function<String, DemoSite.Answer> site = path -> {
            int call = calls.merge(path, 1, Integer::sum);
            if (path.equals("/busy") && call == 1) {
                return new DemoSite.Answer(503, "text/plain", Map.of("Retry-After", "5"),
                        new byte[0], Duration.ZERO);
            }
            String links = path.equals("/") ? "<a href=/busy>b</a><a href=/slow>s</a>"
                    + "<a href=/other1>1</a><a href=/other2>2</a>" : "";
            return new DemoSite.Answer(200, "text/html", Map.of(), links.getBytes(),
                    Duration.ZERO);
        };
        var fetcher = new SiteFetcher(site);
        crawl(demoOptions().withScope(true, false).withDelay(Duration.ofMillis(10)), fetcher);
        var requests = fetcher.requests();
        var busy = requests.stream().filter(request -> request.path().equals("/busy"))
                .toList();
        assertThat(busy).hasSize(2);
        long pausedFrom = busy.get(0).endNanos();
        long pausedUntil = pausedFrom + Duration.ofSeconds(5).toNanos();
        assertThat(requests).as("no request to the host while it asked to be left alone")
                .noneMatch(request -> request.startNanos() > pausedFrom
                        && request.startNanos() < pausedUntil);
        assertThat(busy.get(1).startNanos()).isGreaterThanOrEqualTo(pausedUntil);
        assertThat(requests).as("the first request after the pause starts as it ends")
                .anyMatch(request -> request.startNanos() == pausedUntil);
    }

    @Test
    void aRetryAfterLongerThanAllowedFailsThePageWithoutWaiting() {
        Function<String, DemoSite.Answer> site = path -> new DemoSite.Answer(503, "text/plain",
                Map.of("Retry-After", "3600"), new byte[0], Duration.ZERO);
        var fetcher = new SiteFetcher(site);
        List<PageRecord> pages = crawl(demoOptions().withScope(true, false), fetcher);
        assertThat(fetcher.requests()).hasSize(1);
        assertThat(pages).singleElement().satisfies(page -> {
            assertThat(page.errorKind()).isEqualTo("retry-after");
            assertThat(page.status()).isEqualTo(503);
        });
    }

    @Test
    void serverErrorsAreRetriedWithAJitteredDoublingBackoffThenRecorded() {
        Function<String, DemoSite.Answer> site = path -> new DemoSite.Answer(502, "text/plain",
                Map.of(), new byte[0], Duration.ZERO);
        var fetcher = new SiteFetcher(site);
        var options = demoOptions().withScope(true, false)
                .withRetries(3, Duration.ofSeconds(1), Duration.ofMinutes(1));
        List<PageRecord> pages = crawl(options, fetcher);
        var requests = fetcher.requests();
        assertThat(requests).hasSize(4);
        for (int retry = 1; retry <= 3; retry++) {
            long wait = requests.get(retry).startNanos() - requests.get(retry - 1).endNanos();
            long base = Duration.ofSeconds(1).toNanos() << (retry - 1);
            assertThat(wait).as("wait before retry " + retry)
                    .isBetween(base / 2, base * 3 / 2);
        }
        assertThat(pages).singleElement().satisfies(page -> {
            assertThat(page.errorKind()).isEqualTo("http 502");
            assertThat(page.attempts()).isEqualTo(4);
        });
    }

    @Test
    void notFoundIsRecordedAtOnceWithoutRetries() {
        Function<String, DemoSite.Answer> site = path -> new DemoSite.Answer(404, "text/html",
                Map.of(), new byte[0], Duration.ZERO);
        var fetcher = new SiteFetcher(site);
        List<PageRecord> pages = crawl(demoOptions().withScope(true, false), fetcher);
        assertThat(fetcher.requests()).hasSize(1);
        assertThat(pages).singleElement().extracting(PageRecord::errorKind)
                .isEqualTo("http 404");
    }

    @Test
    void theDepthAndPageLimitsAreKept() {
        List<PageRecord> shallow = crawl(demoOptions().withLimits(2, 10_000, 1 << 20),
                new SiteFetcher(new DemoSite()::answer));
        assertThat(shallow).isNotEmpty().allSatisfy(page ->
                assertThat(page.depth()).isLessThanOrEqualTo(2));
        assertThat(paths(shallow)).contains("/page/4").doesNotContain("/page/100");

        var fetcher = new SiteFetcher(new DemoSite()::answer);
        List<PageRecord> few = crawl(demoOptions().withLimits(50, 25, 1 << 20), fetcher);
        assertThat(few).hasSize(25);
        assertThat(paths(few)).doesNotHaveDuplicates();
    }

    @Test
    void aBodyOverTheLimitIsCutAndRecorded() {
        Function<String, DemoSite.Answer> site = path -> new DemoSite.Answer(200, "text/html",
                Map.of(), new byte[10 * 1024 * 1024], Duration.ZERO);
        List<PageRecord> pages = crawl(demoOptions().withScope(true, false)
                .withLimits(5, 10, 64 * 1024), new SiteFetcher(site));
        assertThat(pages).singleElement().satisfies(page -> {
            assertThat(page.errorKind()).isEqualTo("too-large");
            assertThat(page.bytes()).isEqualTo(64 * 1024);
        });
    }

    @Test
    void linksOutOfScopeAreNotFollowedUnlessAnyHostIsAllowed() {
        var fetcher = new SiteFetcher(new DemoSite()::answer);
        crawl(demoOptions(), fetcher);
        assertThat(fetcher.requests()).noneMatch(request -> request.path().equals("/out-of-scope"));

        var wide = new SiteFetcher(new DemoSite()::answer);
        crawl(demoOptions().withScope(false, true), wide);
        assertThat(wide.requests()).anyMatch(request -> request.path().equals("/out-of-scope"));
    }

    @Test
    void aSinkThatFailsStopsTheCrawlWithItsFailure() {
        var fetcher = new SiteFetcher(new DemoSite()::answer);
        PageSink failing = new PageSink() {
            private int written;

            @Override
            public void write(PageRecord page) {
                if (++written == 10) {
                    throw new IllegalStateException("disk full");
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        assertThatThrownBy(() -> VirtualClock.run(() -> new Crawler(demoOptions(), fetcher,
                failing, null, new SplittableRandom(1)).run()))
                .hasMessageContaining("could not be written").hasMessageContaining("disk full");
        assertThat(fetcher.requests().size()).as("no fetch starts after the failure")
                .isLessThan(10 + 16 + 1);
    }

    @Test
    void aStopAfterThePageLimitStillEndsTheCrawlWithinItsGrace() {
        var clock = new VirtualClock();
        var fetcher = new SiteFetcher(new DemoSite()::answer);
        var options = demoOptions().withScope(true, false).withDelay(Duration.ofSeconds(30))
                .withConcurrency(16, 1).withLimits(50, 6, 1 << 20)
                .withStopGrace(Duration.ofSeconds(1));
        var sink = new ListSink();
        CrawlResult result = VirtualClock.run(clock, () -> {
            var crawler = new Crawler(options, fetcher, sink, null, new SplittableRandom(1));
            dev.weft.Loop.current().callLater(Duration.ofSeconds(10), crawler::stop);
            return crawler.run();
        });
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(11));
        assertThat(result.stopped()).isTrue();
        assertThat(sink.pages()).hasSize(1);
        assertThat(fetcher.requests()).allSatisfy(request ->
                assertThat(request.startNanos()).isLessThanOrEqualTo(
                        Duration.ofSeconds(10).toNanos()));
    }

    @Test
    void noRequestStartsAfterAStopEvenWithinItsGrace() {
        var fetcher = new SiteFetcher(new DemoSite()::answer);
        var options = demoOptions().withDelay(Duration.ofSeconds(1))
                .withStopGrace(Duration.ofSeconds(30));
        VirtualClock.run(() -> {
            var crawler = new Crawler(options, fetcher, new ListSink(), null,
                    new SplittableRandom(1));
            dev.weft.Loop.current().callLater(Duration.ofMillis(5_500), crawler::stop);
            return crawler.run();
        });
        assertThat(fetcher.requests()).isNotEmpty().allSatisfy(request ->
                assertThat(request.startNanos()).isLessThanOrEqualTo(
                        Duration.ofMillis(5_500).toNanos()));
    }

    /** The gaps between consecutive request starts, robots.txt included. */
    private static List<Long> startGaps(SiteFetcher fetcher) {
        List<Long> starts = fetcher.requests().stream()
                .sorted(Comparator.comparingLong(SiteFetcher.Request::startNanos))
                .map(SiteFetcher.Request::startNanos).toList();
        var gaps = new ArrayList<Long>();
        for (int i = 1; i < starts.size(); i++) {
            gaps.add(starts.get(i) - starts.get(i - 1));
        }
        return gaps;
    }

}
