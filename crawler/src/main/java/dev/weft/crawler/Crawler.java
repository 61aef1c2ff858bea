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

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.exec.TaskPool;
import dev.weft.sync.Event;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * A polite crawl on one Weft loop. A coordinating task takes URLs from the frontier, oldest
 * first, and runs each in a {@link TaskPool} of {@code concurrency} tasks; each task waits for
 * its host ({@code perHost} in flight, {@code delay} between two starts, raised to the host's
 * robots.txt crawl-delay up to a cap), fetches under a timeout, retries what may succeed later
 * and records the page. Everything runs on the loop's thread, so the frontier, the visited set
 * and the hosts' state need no locks, and on a {@link dev.weft.test.VirtualClock} the delays are
 * exact.
 *
 * <p>Every URL queued ends as exactly one {@link PageRecord}, or stays in the frontier of a
 * stopped crawl: a fetch cancelled by a stop goes back to the front of the frontier and is not
 * recorded.
 *
 * {@snippet :
 * var options = CrawlOptions.defaults(URI.create("http://127.0.0.1:8080/"));
 * Weft.run(() -> {
 *     try (var fetcher = new HttpFetcher(options.userAgent(), options.perHost(), 16,
 *             Duration.ofSeconds(10)); var sink = JsonLinesSink.to(System.out)) {
 *         return new Crawler(options, fetcher, sink).run();
 *     }
 * });
 * }
 */
public final class Crawler {
    private static final int ROBOTS_LIMIT = 512 * 1024;     // RFC 9309's least limit
    private static final int ROBOTS_REDIRECTS = 5;
    /** How often a crawl with a state directory saves a checkpoint while it runs. */
    static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(30);

    private final CrawlOptions options;
    private final Fetcher fetcher;
    private final PageSink sink;
    private final CrawlState state;
    private final Path stateDirectory;
    private final RandomGenerator random;
    private final SimpleRobotRulesParser robotsParser = new SimpleRobotRulesParser();
    private final Map<String, HostState> hosts = new HashMap<>();
    private final Set<String> scope = new HashSet<>();
    private final CrawlStats stats = new CrawlStats();
    private final Event changed = new Event();
    private final LinkedHashSet<FrontierEntry> running = new LinkedHashSet<>();  // taken, not done
    private volatile Loop loop;
    private volatile boolean stopRequested;
    private long startNanos;
    private IOException sinkFailure;

    /**
     * A new crawl from the options' seeds; with a state directory, it saves its frontier there
     * when it ends or stops, and a checkpoint every 30 s while it runs.
     *
     * @param stateDirectory where to save the crawl for {@link #resume}, or null
     * @param random the source of the retries' jitter
     */
    public Crawler(CrawlOptions options, Fetcher fetcher, PageSink sink, Path stateDirectory,
            RandomGenerator random) {
        this(options, fetcher, sink, stateDirectory, random, CrawlState.start(options.seeds()));
    }

    /** A new crawl that saves nothing, with a random jitter. */
    public Crawler(CrawlOptions options, Fetcher fetcher, PageSink sink) {
        this(options, fetcher, sink, null, RandomGenerator.getDefault());
    }

    private Crawler(CrawlOptions options, Fetcher fetcher, PageSink sink, Path stateDirectory,
            RandomGenerator random, CrawlState state) {
        this.options = options;
        this.fetcher = fetcher;
        this.sink = sink;
        this.stateDirectory = stateDirectory;
        this.random = random;
        this.state = state;
        for (URI seed : state.seeds) {
            scope.add(UrlNormalizer.hostKey(seed));
        }
        robotsParser.setMaxCrawlDelay(Long.MAX_VALUE);   // capped here, not turned into a ban
    }

    /**
     * Goes on with the crawl saved in {@code stateDirectory}: its seeds, frontier and visited
     * set, with these options' limits. The page limit counts the pages of the earlier runs.
     *
     * @throws IOException if the directory holds no saved crawl or cannot be read
     */
    public static Crawler resume(CrawlOptions options, Fetcher fetcher, PageSink sink,
            Path stateDirectory, RandomGenerator random) throws IOException {
        if (!CrawlState.isSaved(stateDirectory)) {
            throw new IOException(stateDirectory + " holds no saved crawl (no crawl.json); "
                    + "start one with --state " + stateDirectory + " first");
        }
        return new Crawler(options, fetcher, sink, stateDirectory, random,
                CrawlState.load(stateDirectory));
    }

    /** Whether a saved crawl is in {@code directory}. */
    public static boolean isSaved(Path directory) {
        return CrawlState.isSaved(directory);
    }

    /**
     * Runs the crawl in the calling task until the frontier is empty, the page limit is reached
     * or {@link #stop()} is called; then waits for the requests in flight (up to the stop grace
     * after a stop, cancelling the rest), saves the state if it has a directory and returns.
     *
     * @throws IOException if a record could not be written or the state could not be saved
     */
    public CrawlResult run() throws IOException {
        loop = Loop.current();
        startNanos = loop.nanoTime();
        var pool = new TaskPool(options.concurrency());
        boolean limited = false;
        boolean stopped;
        Task<Void> checkpoints = stateDirectory == null ? null
                : Weft.spawn("crawl checkpoints", this::checkpointEvery);
        try {
            limited = coordinate(pool);
            finishInFlight(pool);
        } finally {
            stopped = stopRequested;
            if (checkpoints != null) {
                checkpoints.cancel();
            }
            // Also when run() itself is cancelled: no entry may be left neither queued nor done.
            // From here on every cancellation is the crawl's own, as at a stop.
            stopRequested = true;
            Weft.shield(() -> {
                if (checkpoints != null) {
                    checkpoints.join();     // a save in progress ends before the last one
                }
                pool.cancel();
                pool.join();
                returnUnfinished();
                saveState();
                return null;
            });
        }
        if (sinkFailure != null) {
            throw new IOException("the crawl stopped because a page record could not be "
                    + "written: " + sinkFailure.getMessage(), sinkFailure);
        }
        return new CrawlResult(stats, seconds(), state.frontier.size(),
                stopped || limited);
    }

    /** Starts the frontier's entries until it runs out, a limit or a stop; true at the limit. */
    private boolean coordinate(TaskPool pool) {
        while (!stopRequested && sinkFailure == null) {
            FrontierEntry next = state.frontier.pollFirst();
            if (next == null) {
                if (running.isEmpty()) {
                    return false;
                }
                changed.clear();
                changed.await();
                continue;
            }
            if (state.pagesStarted >= options.maxPages()) {
                state.frontier.addFirst(next);
                return true;
            }
            state.pagesStarted++;
            running.add(next);      // before the spawn, which may wait: a cancel there returns it
            pool.spawn(() -> crawl(next));
        }
        return false;
    }

    /**
     * Saves a checkpoint every {@link #CHECKPOINT_EVERY}, the fetches in flight counted as
     * queued: after a crash, a resume fetches those and the pages recorded since again, and
     * skips none. After a stop the final save is exact.
     */
    private void checkpointEvery() {
        while (true) {
            Weft.sleep(CHECKPOINT_EVERY);
            try {
                sink.flush();
            } catch (IOException failed) {
                if (sinkFailure == null) {
                    sinkFailure = failed;
                    changed.set();
                }
                return;
            }
            var inFlight = new ArrayList<>(running);
            try {
                Weft.shield(() -> {
                    state.save(stateDirectory, inFlight);
                    return null;
                });
            } catch (IOException failed) {
                // The crawl goes on; the save at its end tries again and fails it if it fails.
                loop.report("a checkpoint of the crawl in " + stateDirectory + " failed", failed);
            }
        }
    }

    /** Flushes the records, then saves the state (even if the flush failed) when it has a home. */
    private void saveState() throws IOException {
        try {
            sink.flush();
        } catch (IOException failed) {
            if (sinkFailure == null) {
                sinkFailure = failed;
            }
        }
        if (stateDirectory != null) {
            state.save(stateDirectory);
        }
    }

    /**
     * Asks the crawl to stop: no new fetch starts, those in flight get the stop grace. Safe to
     * call from any thread (a shutdown hook, a timer) and more than once.
     */
    public void stop() {
        Loop running = loop;
        if (running == null) {
            stopRequested = true;
            return;
        }
        try {
            running.execute(() -> {
                stopRequested = true;
                changed.set();
            });
        } catch (RejectedExecutionException loopClosed) {
            stopRequested = true;       // the crawl has ended already
        }
    }

    /** A snapshot for the progress line; call it from the crawl's loop. */
    public CrawlProgress progress() {
        var byHost = new TreeMap<String, Integer>();
        hosts.forEach((key, host) -> {
            if (host.inFlight() > 0) {
                byHost.put(key, host.inFlight());
            }
        });
        return new CrawlProgress(stats.pages(), state.frontier.size(), stats.errors(),
                stats.bytes(), seconds(), byHost);
    }

    /**
     * Waits for the fetches in flight: all of them, unless a stop (or a failed record) comes
     * first, which gives them the stop grace and then cancels the rest.
     */
    private void finishInFlight(TaskPool pool) {
        while (!running.isEmpty() && !stopRequested && sinkFailure == null) {
            changed.clear();
            changed.await();
        }
        if (!stopRequested && sinkFailure == null) {
            pool.join();
            return;
        }
        try {
            Weft.timeout(options.stopGrace(), () -> {
                pool.join();
                return null;
            });
        } catch (TimeoutException graceOver) {
            pool.cancel();
            pool.join();
        }
    }

    /**
     * Puts the entries a stop cancelled back at the front of the frontier, in the order they
     * were taken: those cancelled in flight, and those cancelled before their task began.
     */
    private void returnUnfinished() {
        var unfinished = new ArrayList<>(running);
        for (int i = unfinished.size() - 1; i >= 0; i--) {
            state.frontier.addFirst(unfinished.get(i));
        }
        state.pagesStarted -= unfinished.size();
        running.clear();
    }

    /**
     * One frontier entry, from its host's turn to its record. The entry leaves {@code running}
     * once its record is written; one cancelled by a stop, or whose record could not be
     * written, stays there and is queued again.
     */
    private void crawl(FrontierEntry entry) {
        boolean recorded = false;
        try {
            recorded = emit(pageOf(entry));
        } finally {
            if (recorded) {
                running.remove(entry);
            }
            changed.set();
        }
    }

    /** The entry's record; a stop's cancellation goes through, any other failure is recorded. */
    private PageRecord pageOf(FrontierEntry entry) {
        try {
            return fetchAndFollow(entry);
        } catch (CancellationException cancelled) {
            if (stopRequested) {
                throw cancelled;
            }
            return failure(entry, 0, 0, 0, "crawler: the fetch was cancelled, not by a stop: "
                    + cancelled.getMessage());
        } catch (RuntimeException | Error bug) {
            loop.report("the crawler failed on " + entry.url(), bug);
            return failure(entry, 0, 0, 0, "crawler: " + bug);
        }
    }

    /** Writes a record; false if the sink failed, which stops the crawl. */
    private boolean emit(PageRecord page) {
        try {
            sink.write(page);
        } catch (CancellationException cancelled) {
            throw cancelled;        // a sink that blocks, cancelled by the stop's grace
        } catch (IOException | RuntimeException failed) {
            if (sinkFailure == null) {
                sinkFailure = failed instanceof IOException io ? io
                        : new IOException("the page sink failed: " + failed, failed);
            }
            return false;
        }
        stats.record(page);
        return true;
    }

    private PageRecord fetchAndFollow(FrontierEntry entry) {
        URI url = entry.url();
        HostState host = host(url);
        if (options.obeyRobots()) {
            BaseRobotRules rules = robots(host, url);
            if (rules.isDeferVisits()) {
                return failure(entry, 0, 0, 0, "robots: robots.txt could not be fetched, so the "
                        + "host is not crawled (RFC 9309)");
            }
            if (!rules.isAllowed(url.toString())) {
                return failure(entry, 0, 0, 0, "robots: disallowed by robots.txt");
            }
        }
        Tries tries = withRetries(host, url);
        Attempt last = tries.last();
        if (tries.refusal() != null || last.error() != null) {
            return failure(entry, last.status(), tries.count(), last.millis(),
                    tries.refusal() != null ? tries.refusal() : last.error());
        }
        return record(entry, last.fetched(), tries.count(), last.millis());
    }

    /**
     * Fetches {@code url} until an attempt need not be retried or the retries are spent,
     * waiting a {@code Retry-After} exactly or else the jittered backoff (capped at the longest
     * retry wait) in between.
     */
    private Tries withRetries(HostState host, URI url) {
        int count = 0;
        while (true) {
            count++;
            Attempt last = attempt(host, url);
            if (!last.retryable() || count > options.retries()) {
                return new Tries(last, count, null);
            }
            Optional<Duration> asked = last.fetched() == null ? Optional.empty()
                    : last.fetched().retryAfter();
            if (asked.isPresent() && asked.get().compareTo(options.maxRetryWait()) > 0) {
                return new Tries(last, count, "retry-after: the server asked to wait "
                        + asked.get().toSeconds() + " s, more than the "
                        + options.maxRetryWait().toSeconds() + " s allowed (maxRetryWait)");
            }
            Duration wait = asked.isPresent() ? asked.get()
                    : min(backoff(count), options.maxRetryWait());
            if (asked.isPresent()) {
                host.pauseFor(asked.get());     // the server is busy: not just for this URL
            }
            stopPoint();
            Weft.sleep(wait);
        }
    }

    /** Where a stopping crawl starts no new request: the stop's cancellation, at once. */
    private void stopPoint() {
        if (stopRequested) {
            throw new CancellationException("the crawl is stopping");
        }
    }

    /** One request under the host's politeness and the fetch timeout. */
    private Attempt attempt(HostState host, URI url) {
        host.acquire();
        long start = loop.nanoTime();
        try {
            stopPoint();        // the turn came during the stop's grace: do not start
            Fetched fetched = Weft.timeout(options.timeout(),
                    () -> fetcher.fetch(url, options.maxBodyBytes()));
            double millis = (loop.nanoTime() - start) / 1e6;
            boolean retry = isRetryable(fetched.status());
            String error = fetched.status() >= 400 ? "http " + fetched.status() + ": the server "
                    + "answered " + fetched.status() : null;
            return new Attempt(fetched, millis, retry, error);
        } catch (TimeoutException slow) {
            return new Attempt(null, (loop.nanoTime() - start) / 1e6, true, "timeout: no whole "
                    + "answer within " + options.timeout().toMillis() + " ms");
        } catch (IOException failed) {
            return new Attempt(null, (loop.nanoTime() - start) / 1e6, true, "connection: "
                    + failed.getMessage());
        } finally {
            host.release();
        }
    }

    /** A page's record from its last answer; follows its links and redirect into the frontier. */
    private PageRecord record(FrontierEntry entry, Fetched fetched, int attempts, double millis) {
        String contentType = fetched.contentType().isEmpty() ? null : fetched.contentType();
        if (fetched.isRedirect()) {
            Optional<URI> target = UrlNormalizer.resolve(entry.url(), fetched.location().get());
            String error = null;
            if (target.isEmpty()) {
                error = "redirect: Location " + fetched.location().get() + " is not a crawlable "
                        + "URL";
            } else if (!inScope(target.get())) {
                error = "redirect: to " + target.get() + ", out of scope";
            } else {
                enqueue(target.get(), entry.depth());
            }
            return new PageRecord(entry.url().toString(), entry.depth(), fetched.status(), null,
                    null, contentType, fetched.body().length, 0,
                    target.map(URI::toString).orElse(null), attempts, millis, error);
        }
        if (fetched.truncated()) {
            return new PageRecord(entry.url().toString(), entry.depth(), fetched.status(), null,
                    null, contentType, fetched.body().length, 0, null, attempts, millis,
                    "too-large: the body is over " + options.maxBodyBytes() + " bytes, so it "
                    + "was cut and not parsed");
        }
        String title = null;
        String canonical = null;
        int links = 0;
        if (fetched.status() < 300 && fetched.isHtml()) {
            try {
                HtmlPage page = HtmlPage.parse(fetched.body(), fetched.contentType(), entry.url());
                title = page.title();
                canonical = page.canonical() == null ? null : page.canonical().toString();
                for (URI link : page.links()) {
                    if (inScope(link)) {
                        links++;
                        if (entry.depth() < options.maxDepth()) {
                            enqueue(link, entry.depth() + 1);
                        }
                    }
                }
            } catch (IOException | RuntimeException malformed) {
                return new PageRecord(entry.url().toString(), entry.depth(), fetched.status(),
                        null, null, contentType, fetched.body().length, 0, null, attempts,
                        millis, "parse: " + malformed);
            }
        }
        return new PageRecord(entry.url().toString(), entry.depth(), fetched.status(), title,
                canonical, contentType, fetched.body().length, links, null, attempts, millis,
                null);
    }

    private PageRecord failure(FrontierEntry entry, int status, int attempts, double millis,
            String error) {
        return new PageRecord(entry.url().toString(), entry.depth(), status, null, null, null, 0,
                0, null, attempts, millis, error);
    }

    private void enqueue(URI url, int depth) {
        if (state.visited.add(url.toString())) {
            state.frontier.addLast(new FrontierEntry(url, depth));
            changed.set();
        }
    }

    private boolean inScope(URI url) {
        return !options.sameHost() || scope.contains(UrlNormalizer.hostKey(url));
    }

    private HostState host(URI url) {
        return hosts.computeIfAbsent(UrlNormalizer.hostKey(url),
                key -> new HostState(options.perHost(), options.delay()));
    }

    /** The host's rules, fetched once; tasks that need them meanwhile wait for that fetch. */
    private BaseRobotRules robots(HostState host, URI url) {
        while (host.robots() == null) {
            Event loading = host.robotsLoading();
            if (loading != null) {
                loading.await();
                continue;
            }
            var mine = new Event();
            host.robotsLoading(mine);
            try {
                BaseRobotRules rules = fetchRobots(host, url.resolve("/robots.txt"));
                if (rules.getCrawlDelay() > 0) {
                    host.raiseDelay(min(Duration.ofMillis(rules.getCrawlDelay()),
                            options.maxCrawlDelay()));
                }
                host.robots(rules);
            } finally {
                host.robotsLoading(null);
                mine.set();
            }
        }
        return host.robots();
    }

    private BaseRobotRules fetchRobots(HostState host, URI robotsUrl) {
        URI current = robotsUrl;
        for (int redirects = 0; ; redirects++) {
            Attempt attempt = withRetries(host, current).last();
            Fetched fetched = attempt.fetched();
            if (fetched == null) {
                return robotsParser.failedFetch(503);    // unreachable: assume disallowed
            }
            if (fetched.isRedirect() && redirects < ROBOTS_REDIRECTS) {
                Optional<URI> next = UrlNormalizer.resolve(current, fetched.location().get());
                if (next.isPresent()) {
                    current = next.get();
                    continue;
                }
            }
            if (fetched.status() >= 200 && fetched.status() < 300) {
                byte[] body = fetched.body().length > ROBOTS_LIMIT
                        ? Arrays.copyOf(fetched.body(), ROBOTS_LIMIT) : fetched.body();
                return robotsParser.parseContent(current.toString(), body,
                        fetched.contentType().isEmpty() ? "text/plain" : fetched.contentType(),
                        List.of(CrawlOptions.ROBOT_NAME));
            }
            return robotsParser.failedFetch(fetched.status());
        }
    }

    private Duration backoff(int attempts) {
        long base = options.backoff().toNanos() << Math.min(20, attempts - 1);
        double jitter = 0.5 + random.nextDouble();      // half to one and a half
        return Duration.ofNanos((long) (base * jitter));
    }

    private static boolean isRetryable(int status) {
        return status == 408 || status == 429 || status == 500 || status == 502 || status == 503
                || status == 504 || status == 522 || status == 524;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private double seconds() {
        return loop == null ? 0 : (loop.nanoTime() - startNanos) / 1e9;
    }

    /** The attempts at one URL: the last, how many, and why no more were made if refused. */
    private record Tries(Attempt last, int count, String refusal) {}

    /** One request's outcome: an answer or an error, and whether trying again may help. */
    private record Attempt(Fetched fetched, double millis, boolean retryable, String error) {
        int status() {
            return fetched == null ? 0 : fetched.status();
        }
    }
}
