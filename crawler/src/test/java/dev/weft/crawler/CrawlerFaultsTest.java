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

import dev.weft.Weft;
import dev.weft.http.HttpServer;
import dev.weft.http.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Crawls of servers that misbehave, over real sockets on 127.0.0.1: each crawl ends, and each
 * URL is recorded with the right kind of error. The servers are plain threads, so that they
 * behave badly in ways Weft's own server never would.
 */
class CrawlerFaultsTest {
    /** A plain-thread server that treats each accepted socket with {@code behaviour}. */
    private static final class BadServer implements AutoCloseable {
        interface Behaviour {
            void serve(Socket socket) throws IOException;
        }

        private final ServerSocket listener;
        private final Thread acceptor;
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        BadServer(Behaviour behaviour) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofPlatform().daemon().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket socket = listener.accept();
                        accepted.incrementAndGet();
                        open.add(socket);
                        Thread.ofPlatform().daemon().start(() -> {
                            try {
                                behaviour.serve(socket);
                            } catch (IOException peerGone) {
                                // the crawler gave up on it: what this server is for
                            }
                        });
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws Exception {
            listener.close();
            for (Socket socket : open) {
                socket.close();
            }
            acceptor.join();
        }
    }

    /** Options with a timeout no healthy answer on a loaded machine comes near. */
    private static CrawlOptions options(URI seed) {
        return CrawlOptions.defaults(seed).withScope(true, false).withDelay(Duration.ZERO)
                .withTimeout(Duration.ofSeconds(20))
                .withRetries(1, Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    /** Options for the servers that never finish an answer: a short timeout cuts them. */
    private static CrawlOptions impatient(URI seed) {
        return options(seed).withTimeout(Duration.ofMillis(500));
    }

    private static List<PageRecord> crawl(CrawlOptions options) {
        var sink = new ListSink();
        Weft.run(() -> {
            try (var fetcher = new HttpFetcher("test", options.perHost(), options.concurrency(),
                    Duration.ofSeconds(2))) {
                return new Crawler(options, fetcher, sink).run();
            }
        });
        return sink.pages();
    }

    private static void readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    @Test
    void aServerThatResetsIsRetriedThenRecordedAsAConnectionFault() throws Exception {
        try (var server = new BadServer(socket -> {
            readHead(socket);
            socket.setSoLinger(true, 0);
            socket.close();
        })) {
            List<PageRecord> pages = crawl(options(server.uri("/")));
            assertThat(pages).singleElement().satisfies(page -> {
                assertThat(page.errorKind()).isEqualTo("connection");
                assertThat(page.attempts()).isEqualTo(2);
            });
            assertThat(server.accepted()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutOnEachAttempt() throws Exception {
        try (var server = new BadServer(socket -> {
            readHead(socket);
            socket.getInputStream().read();     // holds the connection open, silent
        })) {
            List<PageRecord> pages = crawl(impatient(server.uri("/")));
            assertThat(pages).singleElement().satisfies(page -> {
                assertThat(page.errorKind()).isEqualTo("timeout");
                assertThat(page.attempts()).isEqualTo(2);
            });
        }
    }

    @Test
    void tenMegabytesOfGarbageIsAFaultNotACrash() throws Exception {
        byte[] garbage = new byte[10 * 1024 * 1024];
        new Random(3).nextBytes(garbage);
        try (var server = new BadServer(socket -> {
            readHead(socket);
            socket.getOutputStream().write(garbage);
            socket.close();
        })) {
            List<PageRecord> pages = crawl(options(server.uri("/")));
            assertThat(pages).singleElement().satisfies(page ->
                    assertThat(page.errorKind()).isEqualTo("connection"));
        }
    }

    @Test
    void aTenMegabyteBodyIsCutAtTheLimit() throws Exception {
        byte[] body = new byte[10 * 1024 * 1024];
        try (var server = new BadServer(socket -> {
            readHead(socket);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            socket.close();
        })) {
            List<PageRecord> pages = crawl(options(server.uri("/"))
                    .withLimits(5, 10, 256 * 1024));
            assertThat(pages).singleElement().satisfies(page -> {
                assertThat(page.errorKind()).isEqualTo("too-large");
                assertThat(page.bytes()).isEqualTo(256 * 1024);
            });
        }
    }

    @Test
    void aSlowDripIsCutByTheTimeout() throws Exception {
        try (var server = new BadServer(socket -> {
            readHead(socket);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 1000 && !socket.isClosed(); i++) {
                out.write('x');
                out.flush();
                try {
                    Thread.sleep(100);      // the drip itself, not a synchronisation
                } catch (InterruptedException stop) {
                    return;
                }
            }
        })) {
            List<PageRecord> pages = crawl(impatient(server.uri("/")).withRetries(0,
                    Duration.ZERO, Duration.ZERO));
            assertThat(pages).singleElement().extracting(PageRecord::errorKind)
                    .isEqualTo("timeout");
        }
    }

    @Test
    void aRedirectLoopEndsWithEachStepRecordedOnce() {
        var sink = new ListSink();
        Weft.run(() -> {
            var routes = Routes.builder()
                    .get("/a", (request, response) -> response.status(302)
                            .header("Location", "/b").send())
                    .get("/b", (request, response) -> response.status(301)
                            .header("Location", "/a").send())
                    .build();
            try (HttpServer server = HttpServer.serve(new InetSocketAddress("127.0.0.1", 0),
                    routes); var fetcher = new HttpFetcher("test", 2, 2, Duration.ofSeconds(2))) {
                var options = options(URI.create("http://127.0.0.1:" + server.port() + "/a"));
                return new Crawler(options, fetcher, sink).run();
            }
        });
        assertThat(sink.pages()).extracting(page -> URI.create(page.url()).getPath() + " "
                + page.status() + " to " + URI.create(page.redirect()).getPath())
                .containsExactlyInAnyOrder("/a 302 to /b", "/b 301 to /a");
    }

    @Test
    void malformedHtmlIsParsedAsFarAsItGoes() {
        var sink = new ListSink();
        Weft.run(() -> {
            var routes = Routes.builder()
                    .get("/", (request, response) -> response.contentType("text/html")
                            .send("<html><title>half</title><a href='/next'>n</a><div><<<>>\u0000<a "
                                    + "href="))
                    .get("/next", (request, response) -> response.contentType("text/html")
                            .send(new byte[] {(byte) 0xff, (byte) 0xfe, 0, '<', 'a'}))
                    .build();
            try (HttpServer server = HttpServer.serve(new InetSocketAddress("127.0.0.1", 0),
                    routes); var fetcher = new HttpFetcher("test", 2, 2, Duration.ofSeconds(2))) {
                return new Crawler(options(URI.create("http://127.0.0.1:" + server.port() + "/")),
                        fetcher, sink).run();
            }
        });
        assertThat(sink.pages()).hasSize(2).allSatisfy(page -> {
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.error()).isNull();
        });
    }
}
