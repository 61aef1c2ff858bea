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

import dev.weft.Loop;
import dev.weft.Timer;
import dev.weft.Weft;
import dev.weft.http.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./weft crawl [URL] [options]}: crawls a site politely and writes one JSON line per
 * page; with no URL, crawls an embedded demo site on 127.0.0.1, so it works offline. Ctrl-C or
 * {@code --max-time} stops it gracefully; with {@code --state DIR} the crawl is saved there and
 * {@code --resume DIR} goes on with it.
 */
@Command(name = "crawl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Crawls a site politely: per-host limits and delays, robots.txt, retries "
                + "with Retry-After, one JSON line per page.",
            "With no URL it crawls an embedded demo site on 127.0.0.1."})
public final class CrawlCommand implements Callable<Integer> {
    private static final Duration DEMO_DELAY = Duration.ofMillis(10);
    private static final String DEMO_PORT_FILE = "demo-port";
    private static final String SETTINGS_FILE = "settings.txt";
    /** The options a resumed crawl takes from the saved settings unless given again. */
    private static final List<String> SAVED_OPTIONS = List.of("--concurrency", "--per-host",
            "--delay", "--max-crawl-delay", "--timeout", "--retries", "--max-depth",
            "--max-pages", "--max-bytes", "--any-host", "--ignore-robots", "--stop-grace",
            "--user-agent");

    @Parameters(arity = "0..1", paramLabel = "URL", description = "where to start; the crawl "
            + "stays on its host unless --any-host")
    private URI url;

    @Option(names = "--concurrency", defaultValue = "16", description = "requests in flight in "
            + "all (default ${DEFAULT-VALUE})")
    private int concurrency;

    @Option(names = "--per-host", defaultValue = "8", description = "requests in flight to one "
            + "host (default ${DEFAULT-VALUE})")
    private int perHost;

    @Option(names = "--delay", converter = DurationOption.class, description = "least time "
            + "between two requests to one host (default 1s; 10ms for the demo site)")
    private Duration delay;

    @Option(names = "--max-crawl-delay", converter = DurationOption.class, defaultValue = "30s",
            description = "cap on a robots.txt crawl-delay (default ${DEFAULT-VALUE})")
    private Duration maxCrawlDelay;

    @Option(names = "--timeout", converter = DurationOption.class, defaultValue = "30s",
            description = "limit on one fetch (default ${DEFAULT-VALUE})")
    private Duration timeout;

    @Option(names = "--retries", defaultValue = "2", description = "tries again after a 408, "
            + "429, 5xx, timeout or connection fault (default ${DEFAULT-VALUE})")
    private int retries;

    @Option(names = "--max-depth", description = "links followed from the start (default 5; "
            + "20 for the demo site)")
    private Integer maxDepth;

    @Option(names = "--max-pages", defaultValue = "10000", description = "pages fetched at most, "
            + "resumed runs included (default ${DEFAULT-VALUE})")
    private int maxPages;

    @Option(names = "--max-bytes", defaultValue = "4194304", description = "body bytes read "
            + "from one page; more are cut (default ${DEFAULT-VALUE})")
    private int maxBytes;

    @Option(names = "--any-host", description = "follow links to other hosts too")
    private boolean anyHost;

    @Option(names = "--ignore-robots", description = "neither fetch nor obey robots.txt")
    private boolean ignoreRobots;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "append the JSON "
            + "lines to FILE instead of standard output")
    private Path output;

    @Option(names = "--state", paramLabel = "DIR", description = "save the frontier and the "
            + "visited set in DIR when the crawl stops, for --resume")
    private Path state;

    @Option(names = "--resume", paramLabel = "DIR", description = "go on with the crawl saved "
            + "in DIR (and save it there again), with its saved settings unless given anew")
    private Path resume;

    @Option(names = "--max-time", converter = DurationOption.class, description = "stop "
            + "gracefully after this long")
    private Duration maxTime;

    @Option(names = "--stop-grace", converter = DurationOption.class, defaultValue = "10s",
            description = "how long requests in flight may finish at a stop (default "
                    + "${DEFAULT-VALUE})")
    private Duration stopGrace;

    @Option(names = "--quiet", description = "no progress line")
    private boolean quiet;

    @Option(names = "--user-agent", description = "the User-Agent header (default "
            + "weft-crawler/0.1)")
    private String userAgent;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final PrintStream err;
    private final PrintStream out;

    private CrawlCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command with {@code args}; exits with its status. */
    public static void main(String[] args) {
        int status = commandLine(System.out, System.err).execute(args);
        System.exit(status);
    }

    /** The command, writing pages to {@code out} and progress and messages to {@code err}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        var line = new CommandLine(new CrawlCommand(out, err));
        line.setErr(new java.io.PrintWriter(err, true));
        line.setOut(new java.io.PrintWriter(err, true));
        // A failure (a port in use, a file that cannot be written) is one line, not a trace.
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            Throwable cause = failure;
            while ((cause instanceof java.util.concurrent.CompletionException
                    || cause instanceof java.io.UncheckedIOException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            err.println("crawl: " + (cause.getMessage() != null ? cause.getMessage()
                    : cause.toString()));
            return 1;
        });
        return line;
    }

    @Override
    public Integer call() throws Exception {
        if (resume != null && state != null && !state.equals(resume)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume " + resume
                    + " saves the crawl where it was, in " + resume + "; leave out --state "
                    + state);
        }
        Path directory = resume != null ? resume : state;
        if (resume == null && state != null && Crawler.isSaved(state)) {
            throw new CommandLine.ParameterException(spec.commandLine(), state + " holds a "
                    + "saved crawl already; go on with it with --resume " + state + ", or name "
                    + "another directory");
        }
        if (resume != null && url != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume goes on "
                    + "with the saved crawl's own URLs; leave out " + url);
        }
        if (resume != null && !Crawler.isSaved(resume)) {
            throw new CommandLine.ParameterException(spec.commandLine(), resume + " holds no "
                    + "saved crawl; start one with --state " + resume + " first");
        }
        Integer demoPort = resume != null ? demoPort(resume) : null;
        boolean demo = url == null && (resume == null || demoPort != null);
        if (!demo && directory != null) {
            Files.deleteIfExists(directory.resolve(DEMO_PORT_FILE));  // not the demo's crawl
        }
        if (resume != null) {
            takeSavedSettings(resume);
        }
        try {
            options(url != null ? url : URI.create("http://127.0.0.1/"), demo);
        } catch (IllegalArgumentException invalid) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    inFlags(invalid.getMessage()));
        }
        return Weft.run(() -> {
            HttpServer site = null;
            URI seed = url;
            if (demo) {
                site = new DemoSite().serve(new InetSocketAddress("127.0.0.1",
                        demoPort == null ? 0 : demoPort));
                seed = URI.create("http://127.0.0.1:" + site.port() + "/");
                err.println("crawl: serving the demo site on " + seed);
                if (directory != null) {
                    Files.createDirectories(directory);
                    Files.writeString(directory.resolve(DEMO_PORT_FILE),
                            Integer.toString(site.port()), StandardCharsets.UTF_8);
                }
            }
            if (directory != null) {
                saveSettings(directory, demo);
            }
            try {
                return crawl(options(seed == null ? URI.create("http://saved.invalid/") : seed,
                        demo), directory);
            } finally {
                if (site != null) {
                    site.close();
                }
            }
        });
    }

    private int crawl(CrawlOptions options, Path directory) throws IOException {
        boolean terminal = !quiet && System.console() != null && System.console().isTerminal();
        var random = RandomGenerator.getDefault();
        try (var fetcher = new HttpFetcher(options.userAgent(), options.perHost(),
                options.concurrency(), Duration.ofSeconds(10));
                PageSink sink = output == null ? JsonLinesSink.to(out)
                        : JsonLinesSink.appendingTo(output)) {
            Crawler crawler = resume != null
                    ? Crawler.resume(options, fetcher, sink, resume, random)
                    : new Crawler(options, fetcher, sink, directory, random);
            var finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                crawler.stop();
                try {
                    finished.await(options.stopGrace().toMillis() + 10_000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "crawl stop on signal");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return crawlWithHook(crawler, directory, terminal, sink, finished);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for the latch, which is down
                }
            }
        }
    }

    /** The crawl with its hook in place: progress, the time limit, the run and the summary. */
    private int crawlWithHook(Crawler crawler, Path directory, boolean terminal, PageSink sink,
            CountDownLatch finished) throws IOException {
        Timer limit = maxTime == null ? null : Loop.current().callLater(maxTime, crawler::stop);
        var progress = quiet ? null : ProgressLine.start(crawler, err, terminal);
        try {
            CrawlResult result;
            try {
                result = crawler.run();
            } finally {
                if (progress != null) {
                    progress.cancel();
                }
                if (limit != null) {
                    limit.cancel();
                }
                ProgressLine.finish(err, terminal);
            }
            err.print(result.stats().summary(result.seconds()));
            if (result.stopped() && result.queued() > 0) {
                err.println(directory != null ? "stopped with " + result.queued() + " URLs "
                        + "queued; go on with --resume " + directory
                        : "stopped with " + result.queued() + " URLs queued; run with "
                        + "--state DIR to be able to resume");
            }
            sink.flush();
            return 0;
        } finally {
            // A signal's hook waits for this, so that the JVM ends after the summary.
            finished.countDown();
        }
    }

    private CrawlOptions options(URI seed, boolean demo) {
        Duration hostDelay = delay != null ? delay : demo ? DEMO_DELAY : Duration.ofSeconds(1);
        int depth = maxDepth != null ? maxDepth : demo ? 20 : 5;
        var defaults = CrawlOptions.defaults(seed);
        return new CrawlOptions(List.of(seed), concurrency, perHost, hostDelay, maxCrawlDelay,
                timeout, retries, defaults.backoff(), defaults.maxRetryWait(), depth, maxPages,
                maxBytes, !anyHost, !ignoreRobots,
                userAgent != null ? userAgent : defaults.userAgent(), stopGrace);
    }

    /**
     * Writes the crawl's settings beside its state, as option names and values, so that
     * {@code --resume} goes on with the same politeness and limits.
     */
    private void saveSettings(Path directory, boolean demo) throws IOException {
        var lines = new ArrayList<String>();
        for (String name : SAVED_OPTIONS) {
            CommandLine.Model.OptionSpec option = spec.findOption(name);
            Object value = option.getValue();
            if (name.equals("--delay") && value == null) {
                value = demo ? DEMO_DELAY : Duration.ofSeconds(1);
            } else if (name.equals("--max-depth") && value == null) {
                value = demo ? 20 : 5;
            }
            if (value != null) {
                lines.add(name + "=" + (value instanceof Duration duration
                        ? duration.toNanos() / 1_000_000.0 + "ms" : value));
            }
        }
        Files.createDirectories(directory);
        Files.write(directory.resolve(SETTINGS_FILE), lines, StandardCharsets.UTF_8);
    }

    /** Takes each saved setting that the command line does not give anew. */
    private void takeSavedSettings(Path directory) throws IOException {
        Path file = directory.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = line.substring(0, equals);
            String text = line.substring(equals + 1);
            CommandLine.Model.OptionSpec option = spec.findOption(name);
            if (option == null || given.hasMatchedOption(name)) {
                continue;
            }
            Class<?> type = option.type();
            option.setValue(type == Duration.class ? new DurationOption().convert(text)
                    : type == int.class || type == Integer.class ? Integer.valueOf(text)
                    : type == boolean.class ? Boolean.valueOf(text) : text);
        }
    }

    /** A message of {@link CrawlOptions} in the words of the command line: its flags. */
    private static String inFlags(String message) {
        String text = message;
        for (String[] pair : new String[][] {{"perHost", "--per-host"},
            {"maxPages", "--max-pages"}, {"maxBodyBytes", "--max-bytes"},
            {"maxDepth", "--max-depth"}, {"maxCrawlDelay", "--max-crawl-delay"},
            {"maxRetryWait", "the longest retry wait"}, {"stopGrace", "--stop-grace"},
            {"concurrency", "--concurrency"}, {"retries", "--retries"},
            {"timeout", "--timeout"}, {"delay", "--delay"}}) {
            text = text.replaceAll("\\b" + pair[0] + "\\b", java.util.regex.Matcher
                    .quoteReplacement(pair[1]));
        }
        return text;
    }

    /** The port of the demo site a saved crawl ran against, or null if it did not. */
    private static Integer demoPort(Path directory) throws IOException {
        if (directory == null || !Files.isRegularFile(directory.resolve(DEMO_PORT_FILE))) {
            return null;
        }
        return Integer.valueOf(Files.readString(directory.resolve(DEMO_PORT_FILE)).strip());
    }
}
