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

import dev.weft.Task;
import dev.weft.Weft;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The crawl's progress, drawn by a task of the crawl's loop: on a terminal one line redrawn in
 * place each second, elsewhere (a pipe, a log file) a plain line every ten seconds. It reads the
 * crawler's state on the loop's thread, so it needs no locks, and it writes to standard error,
 * so that the JSON lines on standard output stay clean.
 */
public final class ProgressLine {
    private static final int MAX_HOSTS_SHOWN = 3;

    private final Crawler crawler;
    private final PrintStream out;
    private final boolean terminal;

    private ProgressLine(Crawler crawler, PrintStream out, boolean terminal) {
        this.crawler = crawler;
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Starts drawing the progress of {@code crawler} on {@code out}; cancel the task returned to
     * stop, and call {@link #finish} for the last line.
     *
     * @param terminal whether {@code out} is a terminal, where the line is redrawn in place
     */
    public static Task<Void> start(Crawler crawler, PrintStream out, boolean terminal) {
        var line = new ProgressLine(crawler, out, terminal);
        Duration every = terminal ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
        return Weft.spawn("crawl progress", () -> {
            while (true) {
                Weft.sleep(every);
                line.draw();
            }
        });
    }

    /** Ends a terminal's line in place, so what follows starts on a line of its own. */
    public static void finish(PrintStream out, boolean terminal) {
        if (terminal) {
            out.print("\r\033[K");
            out.flush();
        }
    }

    private void draw() {
        String text = describe(crawler.progress());
        if (terminal) {
            out.print("\r" + text + "\033[K");
        } else {
            out.println("progress: " + text);
        }
        out.flush();
    }

    /** The progress as one line: pages, queue, rate, errors, bytes and the busiest hosts. */
    static String describe(CrawlProgress progress) {
        var text = new StringBuilder(String.format("%d pages, %d queued, %.1f pages/s, %d errors,"
                + " %s", progress.pages(), progress.queued(), progress.rate(), progress.errors(),
                size(progress.bytes())));
        Map<String, Integer> hosts = progress.inFlightByHost();
        if (!hosts.isEmpty()) {
            text.append(" | in flight: ").append(hosts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(MAX_HOSTS_SHOWN)
                    .map(host -> host.getKey() + " " + host.getValue())
                    .collect(Collectors.joining(", ")));
            if (hosts.size() > MAX_HOSTS_SHOWN) {
                text.append(", +").append(hosts.size() - MAX_HOSTS_SHOWN).append(" hosts");
            }
        }
        return text.toString();
    }

    /** A byte count for people: B, KB, MB or GB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }
}
