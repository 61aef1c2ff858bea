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

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Weft;
import dev.weft.http.HttpServer;
import dev.weft.sync.Event;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** W6 in small: both crawlers crawl the whole of a 300-page site. */
class CrawlBenchSmokeTest {
    private static final int PAGES = 300;

    @Test
    void bothCrawlersCrawlEveryPageOfTheSite() throws Exception {
        var port = new CompletableFuture<Integer>();
        var done = new CountDownLatch(1);
        var stop = new Event();
        Thread site = Thread.ofPlatform().start(() -> Weft.run(() -> {
            try (HttpServer server = HttpServer.serve(new InetSocketAddress("127.0.0.1", 0),
                    CrawlSiteMain.routes(PAGES))) {
                port.complete(server.port());
                stop.await();
            } finally {
                done.countDown();
            }
        }));
        try {
            URI seed = URI.create("http://127.0.0.1:" + port.get() + "/page/1");
            assertThat(CrawlBenchMain.weft(seed, PAGES, 20)).isEqualTo(PAGES);
            assertThat(CrawlBenchMain.jdk(seed, 20)).isEqualTo(PAGES);
        } finally {
            stop.set();
            done.await();
            site.join();
        }
    }
}
