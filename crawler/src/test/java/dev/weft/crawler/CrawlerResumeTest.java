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

import dev.weft.Loop;
import dev.weft.test.VirtualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crawl stopped at a random moment and resumed from its saved state records every page in
 * scope exactly once over the two runs, on the virtual clock.
 */
class CrawlerResumeTest {
    @TempDir
    Path temporary;

    @Test
    void aResumeAfterAStopAtARandomMomentLosesAndRepeatsNothing() throws IOException {
        var random = new Random(20261202);
        for (int round = 0; round < 12; round++) {
            Duration stopAt = Duration.ofMillis(random.nextInt(40_000));
            var site = new DemoSite();
            Outcome outcome = stopAndResume(site, CrawlerPolitenessTest.demoOptions(), stopAt,
                    temporary.resolve("round-" + round));
            assertThat(CrawlerPolitenessTest.paths(outcome.pages())).as("stopped at " + stopAt)
                    .containsExactlyElementsOf(expectedPaths());
            for (String path : DemoSite.reachablePaths()) {
                assertThat(site.requests(path)).as(path + ", stopped at " + stopAt)
                        .isEqualTo(path.startsWith("/flaky/") ? 2 : 1);
            }
        }
    }

    @Test
    void fetchesCancelledAtTheStopAreFetchedAgainButRecordedOnce() throws IOException {
        var random = new Random(7);
        var options = CrawlerPolitenessTest.demoOptions().withStopGrace(Duration.ZERO)
                .withDelay(Duration.ofMillis(1));
        for (int round = 0; round < 12; round++) {
            Duration stopAt = Duration.ofMillis(random.nextInt(3_000));
            var site = new DemoSite();
            Outcome outcome = stopAndResume(site, options, stopAt,
                    temporary.resolve("cancel-" + round));
            assertThat(CrawlerPolitenessTest.paths(outcome.pages())).as("stopped at " + stopAt)
                    .containsExactlyElementsOf(expectedPaths());
            int repeated = 0;
            for (String path : DemoSite.reachablePaths()) {
                int expected = path.startsWith("/flaky/") ? 2 : 1;
                assertThat(site.requests(path)).as(path).isBetween(expected, expected + 1);
                repeated += site.requests(path) - expected;
            }
            assertThat(repeated).as("fetches in flight at the stop")
                    .isLessThanOrEqualTo(options.perHost());
        }
    }

    @Test
    void aResumeOfAFinishedCrawlFetchesNothing() throws IOException {
        var site = new DemoSite();
        Path directory = temporary.resolve("finished");
        Outcome outcome = stopAndResume(site, CrawlerPolitenessTest.demoOptions(),
                Duration.ofDays(1), directory);
        assertThat(outcome.secondRun()).isEmpty();
        assertThat(outcome.pages()).hasSize(expectedPaths().size());
    }

    @Test
    void aRunCancelledByItsCallerSavesWhatItHadInFlight() throws IOException {
        var site = new DemoSite();
        Path directory = temporary.resolve("cancelled");
        var options = CrawlerPolitenessTest.demoOptions();
        var first = new ListSink();
        VirtualClock.run(() -> {
            var crawler = new Crawler(options, new SiteFetcher(site::answer), first, directory,
                    new SplittableRandom(1));
            try {
                return dev.weft.Weft.timeout(Duration.ofSeconds(3), crawler::run);
            } catch (java.util.concurrent.TimeoutException expected) {
                return null;
            }
        });
        var second = new ListSink();
        VirtualClock.run(() -> Crawler.resume(options, new SiteFetcher(site::answer), second,
                directory, new SplittableRandom(2)).run());
        var all = new ArrayList<>(first.pages());
        all.addAll(second.pages());
        assertThat(first.pages()).isNotEmpty();
        assertThat(CrawlerPolitenessTest.paths(all)).containsExactlyElementsOf(expectedPaths());
    }

    @Test
    void aRecordThatCouldNotBeWrittenIsQueuedAgainForTheResume() throws IOException {
        var site = new DemoSite();
        Path directory = temporary.resolve("sink-failed");
        var options = CrawlerPolitenessTest.demoOptions();
        var written = new ListSink();
        PageSink failing = new PageSink() {
            @Override
            public void write(PageRecord page) throws IOException {
                if (written.pages().size() == 40) {
                    throw new IOException("disk full");
                }
                written.write(page);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VirtualClock.run(() ->
                new Crawler(options, new SiteFetcher(site::answer), failing, directory,
                        new SplittableRandom(1)).run())).hasMessageContaining("disk full");
        var second = new ListSink();
        VirtualClock.run(() -> Crawler.resume(options, new SiteFetcher(site::answer), second,
                directory, new SplittableRandom(2)).run());
        var all = new ArrayList<>(written.pages());
        all.addAll(second.pages());
        assertThat(CrawlerPolitenessTest.paths(all)).containsExactlyElementsOf(expectedPaths());
    }

    @Test
    void aCrashAfterACheckpointRepeatsOnlyWhatFollowedItAndSkipsNothing() throws IOException {
        var site = new DemoSite();
        Path directory = temporary.resolve("live");
        Path crashed = temporary.resolve("crashed");
        var options = CrawlerPolitenessTest.demoOptions();
        Duration crashAt = Crawler.CHECKPOINT_EVERY.plusSeconds(1);
        var beforeCrash = new ArrayList<PageRecord>();
        var first = new ListSink() {
            @Override
            public void write(PageRecord page) {
                super.write(page);
                if (Loop.current().nanoTime() <= crashAt.toNanos()) {
                    beforeCrash.add(page);
                }
            }
        };
        VirtualClock.run(() -> {
            var crawler = new Crawler(options, new SiteFetcher(site::answer), first, directory,
                    new SplittableRandom(1));
            // What a crash at that moment would leave behind: the files as they are.
            var copy = Loop.current().callLater(crashAt, () -> copyDirectory(directory, crashed));
            try {
                return crawler.run();
            } finally {
                copy.cancel();
            }
        });
        assertThat(crashed.resolve("crawl.json")).exists();
        var second = new ListSink();
        VirtualClock.run(() -> Crawler.resume(options, new SiteFetcher(new DemoSite()::answer),
                second, crashed, new SplittableRandom(2)).run());
        var all = new ArrayList<>(beforeCrash);
        all.addAll(second.pages());
        assertThat(CrawlerPolitenessTest.paths(all).stream().distinct().toList())
                .as("nothing skipped").containsExactlyElementsOf(expectedPaths());
        int repeated = all.size() - expectedPaths().size();
        assertThat(repeated).as("pages recorded again after the crash").isPositive()
                .isLessThan(beforeCrash.size() / 3);
    }

    private static void copyDirectory(Path from, Path to) {
        try (var files = java.nio.file.Files.list(from)) {
            java.nio.file.Files.createDirectories(to);
            for (Path file : files.toList()) {
                java.nio.file.Files.copy(file, to.resolve(file.getFileName()));
            }
        } catch (IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }

    private record Outcome(List<PageRecord> pages, List<PageRecord> secondRun) {}

    private static Outcome stopAndResume(DemoSite site, CrawlOptions options, Duration stopAt,
            Path directory) throws IOException {
        var first = new ListSink();
        VirtualClock.run(() -> {
            var crawler = new Crawler(options, new SiteFetcher(site::answer), first, directory,
                    new SplittableRandom(1));
            var stop = Loop.current().callLater(stopAt, crawler::stop);
            try {
                return crawler.run();
            } finally {
                stop.cancel();
            }
        });
        var second = new ListSink();
        VirtualClock.run(() -> Crawler.resume(options, new SiteFetcher(site::answer), second,
                directory, new SplittableRandom(2)).run());
        var all = new ArrayList<>(first.pages());
        all.addAll(second.pages());
        return new Outcome(all, second.pages());
    }

    private static List<String> expectedPaths() {
        var expected = new ArrayList<>(DemoSite.reachablePaths());
        expected.add("/private/secret");
        return expected.stream().sorted().toList();
    }
}
