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

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a crawl needs to go on where it stopped: the frontier (URLs found and not fetched, with
 * their depths, the ones cancelled in flight first), the visited set (every URL ever queued) and
 * how many pages it started. Saved in a directory as {@code frontier.tsv}, {@code visited.bin}
 * and {@code crawl.json}, each written to a temporary file and moved into place, in that order.
 */
final class CrawlState {
    private static final ObjectMapper JSON = new ObjectMapper();

    final ArrayDeque<FrontierEntry> frontier;
    final VisitedSet visited;
    final List<URI> seeds;
    int pagesStarted;

    private CrawlState(ArrayDeque<FrontierEntry> frontier, VisitedSet visited, List<URI> seeds,
            int pagesStarted) {
        this.frontier = frontier;
        this.visited = visited;
        this.seeds = seeds;
        this.pagesStarted = pagesStarted;
    }

    /** A new crawl: the normalized seeds queued at depth 0. */
    static CrawlState start(List<URI> seeds) {
        var state = new CrawlState(new ArrayDeque<>(), new VisitedSet(), new ArrayList<>(), 0);
        for (URI seed : seeds) {
            URI url = UrlNormalizer.normalize(seed).orElseThrow();
            state.seeds.add(url);
            if (state.visited.add(url.toString())) {
                state.frontier.add(new FrontierEntry(url, 0));
            }
        }
        return state;
    }

    /** Whether {@code directory} holds a saved crawl. */
    static boolean isSaved(Path directory) {
        return Files.isRegularFile(directory.resolve("crawl.json"));
    }

    /** Reads a crawl that {@link #save} wrote. */
    static CrawlState load(Path directory) throws IOException {
        Map<?, ?> crawl = JSON.readValue(directory.resolve("crawl.json").toFile(), Map.class);
        var seeds = new ArrayList<URI>();
        for (Object seed : (List<?>) crawl.get("seeds")) {
            seeds.add(URI.create((String) seed));
        }
        var frontier = new ArrayDeque<FrontierEntry>();
        for (String line : Files.readAllLines(directory.resolve("frontier.tsv"),
                StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                frontier.add(FrontierEntry.parse(line));
            }
        }
        return new CrawlState(frontier, VisitedSet.load(directory.resolve("visited.bin")), seeds,
                ((Number) crawl.get("pagesStarted")).intValue());
    }

    /** Writes the state into {@code directory}, creating it. */
    void save(Path directory) throws IOException {
        save(directory, List.of());
    }

    /**
     * Writes the state with {@code inFlight} at the front of the frontier, as a checkpoint
     * taken while those are being fetched: a crash after it fetches them again.
     *
     * <p>The frontier is written before the visited set: a crash between the two leaves a new
     * frontier with an old visited set, which may queue a URL twice on resume but never loses
     * one; the other order could.
     */
    void save(Path directory, List<FrontierEntry> inFlight) throws IOException {
        Files.createDirectories(directory);
        var lines = new ArrayList<String>(inFlight.size() + frontier.size());
        for (FrontierEntry entry : inFlight) {
            lines.add(entry.line());
        }
        for (FrontierEntry entry : frontier) {
            lines.add(entry.line());
        }
        replace(directory.resolve("frontier.tsv"), String.join("\n", lines));
        visited.save(directory.resolve("visited.bin"));
        // crawl.json last: once it exists, a first save is whole.
        replace(directory.resolve("crawl.json"), JSON.writeValueAsString(Map.of(
                "seeds", seeds.stream().map(URI::toString).toList(),
                "pagesStarted", pagesStarted - inFlight.size(),
                "queued", lines.size(),
                "visited", visited.size())));
    }

    private static void replace(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
