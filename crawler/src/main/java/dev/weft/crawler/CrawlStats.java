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

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running totals of a crawl, for the progress line and the summary: pages, errors by kind,
 * bytes, the time since the start and the fetch times for percentiles.
 */
public final class CrawlStats {
    private int pages;
    private int errors;
    private long bytes;
    private final Map<String, Integer> errorsByKind = new TreeMap<>();
    private double[] fetchMillis = new double[256];
    private int fetches;

    /** Counts one page of the output. */
    void record(PageRecord page) {
        pages++;
        bytes += page.bytes();
        if (page.error() != null) {
            errors++;
            errorsByKind.merge(page.errorKind(), 1, Integer::sum);
        }
        if (page.status() > 0) {
            if (fetches == fetchMillis.length) {
                fetchMillis = Arrays.copyOf(fetchMillis, fetches * 2);
            }
            fetchMillis[fetches++] = page.fetchMillis();
        }
    }

    /** How many pages were recorded, failures included. */
    public int pages() {
        return pages;
    }

    /** How many pages failed. */
    public int errors() {
        return errors;
    }

    /** The failures by kind, in the order of their names. */
    public Map<String, Integer> errorsByKind() {
        return Map.copyOf(errorsByKind);
    }

    /** How many body bytes were read. */
    public long bytes() {
        return bytes;
    }

    /** A percentile (0 to 100) of the fetch times in milliseconds, or 0 before any fetch. */
    public double fetchMillisPercentile(double percentile) {
        if (fetches == 0) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(fetchMillis, fetches);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * fetches) - 1;
        return sorted[Math.max(0, Math.min(fetches - 1, rank))];
    }

    /** The summary's text: pages, errors by kind, bytes, pages per second and fetch times. */
    public String summary(double seconds) {
        var text = new StringBuilder();
        text.append(String.format("crawled %d pages in %.1f s (%.1f pages/s), %s read%n", pages,
                seconds, seconds > 0 ? pages / seconds : 0.0, ProgressLine.size(bytes)));
        text.append(String.format("fetch time p50 %.1f ms, p99 %.1f ms%n",
                fetchMillisPercentile(50), fetchMillisPercentile(99)));
        if (errors == 0) {
            text.append("no errors\n");
        } else {
            text.append(errors).append(" errors:");
            errorsByKind.forEach((kind, count) -> text.append(' ').append(kind).append(' ')
                    .append(count));
            text.append('\n');
        }
        return text.toString();
    }
}
