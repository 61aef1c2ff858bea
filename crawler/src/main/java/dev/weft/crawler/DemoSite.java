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

import dev.weft.Weft;
import dev.weft.http.HttpServer;
import dev.weft.http.Routes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generated site to crawl offline: {@value #PAGES} linked pages and the cases a crawler must
 * get right. Slow pages, pages that first answer 503 with {@code Retry-After}, a robots.txt with
 * a disallowed path and a crawl-delay, redirects, a redirect loop, a link loop, a missing page
 * and content that is not HTML.
 *
 * <p>The answers come from {@link #answer(String)}, which the crawl's tests call directly (so a
 * crawl runs on the virtual clock) and {@link #serve} puts behind a Weft HTTP server. It counts
 * the requests per path, so it is used from one loop.
 */
public final class DemoSite {
    /** How many generated pages there are, {@code /page/1} to {@code /page/300}. */
    public static final int PAGES = 300;
    /** How many slow pages there are. */
    public static final int SLOW_PAGES = 10;
    /** How many pages answer 503 with {@code Retry-After} to their first request. */
    public static final int FLAKY_PAGES = 4;
    /** How long a slow page takes. */
    public static final Duration SLOW = Duration.ofMillis(300);
    /** The {@code Retry-After} of a flaky page's first answer. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** The robots.txt crawl-delay. */
    public static final Duration CRAWL_DELAY = Duration.ofMillis(20);

    private final Map<String, Integer> requests = new HashMap<>();

    /**
     * One answer of the site.
     *
     * @param status the status code
     * @param contentType the {@code Content-Type}
     * @param headers other header fields
     * @param body the body
     * @param delay how long the site takes before it answers
     */
    public record Answer(int status, String contentType, Map<String, String> headers,
            byte[] body, Duration delay) {}

    /** The answer to a GET of {@code path}; counts the request. */
    public Answer answer(String path) {
        int seen = requests.merge(path, 1, Integer::sum);
        if (path.equals("/")) {
            return html("Weft demo site", links("/page/1", "/page/2", "/page/3", "/old/4",
                    "/loop/a", "https://elsewhere.invalid/out-of-scope"));
        }
        if (path.equals("/robots.txt")) {
            return new Answer(200, "text/plain", Map.of(), ("User-agent: *\nDisallow: /private/\n"
                    + "Crawl-delay: " + CRAWL_DELAY.toMillis() / 1000.0 + "\n").getBytes(
                    StandardCharsets.UTF_8), Duration.ZERO);
        }
        Optional<Integer> page = number(path, "/page/", PAGES);
        if (page.isPresent()) {
            return html("Page " + page.get(), links(pageLinks(page.get())));
        }
        Optional<Integer> slow = number(path, "/slow/", SLOW_PAGES);
        if (slow.isPresent()) {
            var answer = html("Slow page " + slow.get(), links("/page/" + slow.get()));
            return new Answer(200, answer.contentType(), Map.of(), answer.body(), SLOW);
        }
        Optional<Integer> flaky = number(path, "/flaky/", FLAKY_PAGES);
        if (flaky.isPresent()) {
            if (seen == 1) {
                return new Answer(503, "text/plain", Map.of("Retry-After",
                        Long.toString(RETRY_AFTER.toSeconds())), "busy, come back later\n"
                        .getBytes(StandardCharsets.UTF_8), Duration.ZERO);
            }
            return html("Flaky page " + flaky.get(), links("/page/" + (flaky.get() + 100)));
        }
        Optional<Integer> old = number(path, "/old/", PAGES);
        if (old.isPresent()) {
            return redirect(301, "/page/" + old.get());
        }
        return switch (path) {
            case "/loop/a" -> html("Loop A", links("/loop/b"));
            case "/loop/b" -> html("Loop B", links("/loop/a"));
            case "/redirect-loop" -> redirect(302, "/redirect-loop");
            case "/private/secret" -> html("Secret", links());
            case "/data/report.json" -> new Answer(200, "application/json", Map.of(),
                    "{\"pages\":300}".getBytes(StandardCharsets.UTF_8), Duration.ZERO);
            case "/image.png" -> new Answer(200, "image/png", Map.of(),
                    new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                    Duration.ZERO);
            default -> new Answer(404, "text/html; charset=utf-8", Map.of(),
                    "<!doctype html><title>Not found</title><p>No such page."
                            .getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        };
    }

    /** How many requests {@code path} has had. */
    public int requests(String path) {
        return requests.getOrDefault(path, 0);
    }

    /** Every path requested, with its count. */
    public Map<String, Integer> requests() {
        return Map.copyOf(requests);
    }

    /**
     * The paths a crawl from {@code /} with no depth or page limit must fetch: every page, slow
     * and flaky page, redirect, loop page, missing page and non-HTML file, robots.txt left out.
     */
    public static List<String> reachablePaths() {
        var paths = new ArrayList<String>();
        paths.add("/");
        for (int i = 1; i <= PAGES; i++) {
            paths.add("/page/" + i);
        }
        for (int i = 1; i <= SLOW_PAGES; i++) {
            paths.add("/slow/" + i);
        }
        for (int i = 1; i <= FLAKY_PAGES; i++) {
            paths.add("/flaky/" + i);
        }
        for (int i = 1; i <= PAGES; i++) {
            if (i % 25 == 4) {
                paths.add("/old/" + i);
            }
        }
        paths.addAll(List.of("/loop/a", "/loop/b", "/redirect-loop", "/data/report.json",
                "/image.png", "/missing"));
        return paths;
    }

    /**
     * Serves the site on {@code address} from the calling task until the server is closed: the
     * answer's delay is slept, then it is sent.
     */
    public HttpServer serve(InetSocketAddress address) throws IOException {
        dev.weft.http.Handler handler = (request, response) -> {
            Answer answer = answer(request.path());
            if (!answer.delay().isZero()) {
                Weft.sleep(answer.delay());
            }
            response.status(answer.status()).contentType(answer.contentType());
            answer.headers().forEach(response::header);
            response.send(answer.body());
        };
        return HttpServer.serve(address, Routes.builder().get("/", handler)
                .get("/{path...}", handler).build());
    }

    /** Page {@code n}'s links: a binary tree over the pages, a chain, and the special cases. */
    private static String[] pageLinks(int n) {
        var links = new ArrayList<String>();
        for (int target : new int[] {2 * n, 2 * n + 1, n + 1, n / 2}) {
            if (target >= 1 && target <= PAGES) {
                links.add("/page/" + target);
            }
        }
        if (n <= SLOW_PAGES) {
            links.add("/slow/" + n);
        }
        if (n > 10 && n <= 10 + FLAKY_PAGES) {
            links.add("/flaky/" + (n - 10));
        }
        if (n % 25 == 4) {
            links.add("/old/" + n);
        }
        if (n == 50) {
            links.addAll(List.of("/private/secret", "/redirect-loop", "/data/report.json",
                    "/image.png", "/missing", "mailto:someone@example.org", "#top",
                    "/page/50#section", "/page/../page/51"));
        }
        return links.toArray(String[]::new);
    }

    private static Optional<Integer> number(String path, String prefix, int most) {
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(path.substring(prefix.length()));
            return n >= 1 && n <= most ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static String links(String... targets) {
        var html = new StringBuilder("<ul>");
        for (String target : targets) {
            html.append("<li><a href=\"").append(target).append("\">").append(target)
                    .append("</a></li>");
        }
        return html.append("</ul>").toString();
    }

    private static Answer redirect(int status, String location) {
        return new Answer(status, "text/html; charset=utf-8", Map.of("Location", location),
                ("<!doctype html><title>Moved</title><a href=\"" + location + "\">moved</a>")
                        .getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    private static Answer html(String title, String body) {
        return new Answer(200, "text/html; charset=utf-8", Map.of(), ("<!doctype html><html>"
                + "<head><title>" + title + "</title></head><body><h1>" + title + "</h1>" + body
                + "</body></html>").getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }
}
