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

import dev.weft.Weft;
import dev.weft.http.HttpServer;
import dev.weft.http.Routes;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * W6's site, one process on the port given: {@code /page/1} to {@code /page/PAGES}, each a
 * page of about 2 KB with a title, some text and six links (a tree, a chain and jumps), so that
 * every page is reachable from the first. Runs for the seconds given.
 *
 * <p>Usage: {@code CrawlSiteMain PORT SECONDS PAGES}.
 */
public final class CrawlSiteMain {
    private static final String TEXT = "Weft runs thousands of tasks on one thread. ".repeat(30);

    private CrawlSiteMain() {}

    /** Serves the site until the time is up. */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int pages = Integer.parseInt(args[2]);
        Weft.run(() -> {
            try (var server = HttpServer.serve(new InetSocketAddress("127.0.0.1", port),
                    routes(pages))) {
                System.out.println("PORT " + server.port());
                Weft.sleep(Duration.ofSeconds(seconds));
            }
        });
    }

    /** The site's one route, {@code /page/{n}}. */
    static Routes routes(int pages) {
        return Routes.builder().get("/page/{n:int}", (request, response) -> {
            int n = request.pathParamInt("n");
            if (n < 1 || n > pages) {
                response.status(404).send("no such page");
                return;
            }
            response.contentType("text/html; charset=utf-8").send(page(n, pages));
        }).build();
    }

    /** Page {@code n}: its title, the text and links to 2n, 2n+1, n+1, n-1, 3n and n+13. */
    static byte[] page(int n, int pages) {
        var html = new StringBuilder(2600).append("<!doctype html><html><head><title>Page ")
                .append(n).append("</title></head><body><h1>Page ").append(n).append("</h1><p>")
                .append(TEXT).append("</p><ul>");
        for (int target : new int[] {2 * n, 2 * n + 1, n + 1, n - 1, 3 * n, n + 13}) {
            if (target >= 1 && target <= pages) {
                html.append("<li><a href=\"/page/").append(target).append("\">page ")
                        .append(target).append("</a></li>");
            }
        }
        return html.append("</ul></body></html>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
