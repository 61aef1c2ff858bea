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
package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Loop;
import dev.weft.Weft;
import dev.weft.net.TcpConnection;
import dev.weft.sync.Event;
import dev.weft.test.RecordingHandler;
import dev.weft.test.VirtualClock;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The server's behaviour over real loopback connections: routing, bodies, limits, endings. */
class HttpServerTest {
    private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);

    private static final Routes ROUTES = Routes.builder()
            .get("/", (request, response) -> response.send("hello\n"))
            .get("/items/{id:long}", (request, response) ->
                    response.send("item " + request.pathParamLong("id")))
            .get("/items/new", (request, response) -> response.send("form"))
            .post("/items", (request, response) ->
                    response.status(201).send("got " + request.bodyAsString()))
            .get("/files/{path...}", (request, response) ->
                    response.send(request.pathParam("path")))
            .get("/query", (request, response) ->
                    response.send(request.queryParams("q") + " " + request.queryParam("n")))
            .get("/stream", (request, response) -> {
                try (OutputStream out = response.outputStream()) {
                    for (int i = 0; i < 3; i++) {
                        out.write(("part" + i + ";").getBytes(StandardCharsets.UTF_8));
                    }
                    response.trailer("X-Parts", "3");
                }
            })
            .get("/fail", (request, response) -> {
                throw new IllegalStateException("broken on purpose");
            })
            .get("/missing", (request, response) -> {
                throw new HttpException(404, "nothing here");
            })
            .build();

    private static void send(TcpConnection connection, String raw) throws Exception {
        connection.write(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static RawHttp.Reply get(TcpConnection connection, String target) throws Exception {
        send(connection, "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
        return RawHttp.read(connection, false);
    }

    @Test
    void aGetIsAnsweredWithItsLengthADateAndKeepAlive() {
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, ROUTES);
                    var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                for (int i = 0; i < 3; i++) {
                    RawHttp.Reply reply = get(connection, "/");
                    assertThat(reply.status()).isEqualTo(200);
                    assertThat(reply.body()).isEqualTo("hello\n");
                    assertThat(reply.header("Content-Length")).isEqualTo("6");
                    assertThat(reply.header("Content-Type")).startsWith("text/plain");
                    assertThat(reply.header("Date")).endsWith("GMT");
                    assertThat(reply.header("Connection")).isNull();
                }
            }
        });
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrder() {
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, ROUTES);
                    var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                var all = new StringBuilder();
                for (int i = 0; i < 50; i++) {
                    all.append("GET /items/").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
                }
                send(connection, all.toString());
                for (int i = 0; i < 50; i++) {
                    assertThat(RawHttp.read(connection, false).body()).isEqualTo("item " + i);
                }
            }
        });
    }

    @Test
    void typedParametersRouteByTypeAndLiteralsWin() {
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, ROUTES);
                    var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                assertThat(get(connection, "/items/42").body()).isEqualTo("item 42");
                assertThat(get(connection, "/items/new").body()).isEqualTo("form");
                RawHttp.Reply notLong = get(connection, "/items/abc");
                assertThat(notLong.status()).isEqualTo(404);
                assertThat(notLong.body()).contains("GET /items/{id:long}");
                assertThat(get(connection, "/files/a/b%2Fc/d.txt").body())
                        .isEqualTo("a/b/c/d.txt");
                assertThat(get(connection, "/query?q=a+b&q=%C3%A9&n=1").body())
                        .isEqualTo("[a b, é] Optional[1]");
            }
        });
    }

    @Test
    void aMethodThePathLacksIsA405ThatSaysWhatIsAllowed() {
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, ROUTES);
                    var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                send(connection, "DELETE /items HTTP/1.1\r\nHost: x\r\n\r\n");
                RawHttp.Reply reply = RawHttp.read(connection, false);
                assertThat(reply.status()).isEqualTo(405);
                assertThat(reply.header("Allow")).isEqualTo("OPTIONS, POST");
                send(connection, "OPTIONS /items/7 HTTP/1.1\r\nHost: x\r\n\r\n");
                RawHttp.Reply options = RawHttp.read(connection, false);
                assertThat(options.status()).isEqualTo(204);
                assertThat(options.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
            }
        });
    }

    @Test
    void headSendsTheFieldsOfAGetWithoutTheBody() {
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, ROUTES);
                    var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                send(connection, "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
                RawHttp.Reply reply = RawHttp.read(connection, true);
                assertThat(reply.header("Content-Length")).isEqualTo("6");
                assertThat(get(connection, "/").body()).isEqualTo("hello\n");
            }
        });
    }

    @Test
    void aChunkedRequestBodyIsReadAndAStreamedBodyGoesInChunksWithTrailers() {
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, ROUTES);
                    var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                send(connection, "POST /items HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked"
                        + "\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n");
                RawHttp.Reply posted = RawHttp.read(connection, false);
                assertThat(posted.status()).isEqualTo(201);
                assertThat(posted.body()).isEqualTo("got abcde");
                RawHttp.Reply streamed = get(connection, "/stream");
                assertThat(streamed.header("Transfer-Encoding")).isEqualTo("chunked");
                assertThat(streamed.body()).isEqualTo("part0;part1;part2;");
                assertThat(streamed.header("trailer:x-parts")).isEqualTo("3");
            }
        });
    }

    @Test
    void aHundredContinueIsSentOnlyWhenTheHandlerReadsTheBody() {
        var refusing = Routes.builder()
                .post("/read", (request, response) -> response.send(request.bodyAsString()))
                .post("/refuse", (request, response) -> response.status(401).send("no"))
                .build();
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, refusing)) {
                try (var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                    send(connection, "POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                            + "Expect: 100-continue\r\n\r\n");
                    assertThat(RawHttp.read(connection, false).status()).isEqualTo(100);
                    send(connection, "body");
                    assertThat(RawHttp.read(connection, false).body()).isEqualTo("body");
                }
                try (var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                    send(connection, "POST /refuse HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                            + "Expect: 100-continue\r\n\r\n");
                    RawHttp.Reply reply = RawHttp.read(connection, false);
                    assertThat(reply.status()).isEqualTo(401);
                    assertThat(connection.readAll(1024)).isEmpty();   // closed: no body came
                }
            }
        });
    }

    @Test
    void aFailingHandlerIsA500AndAReportAndTheConnectionGoesOn() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                try (var server = HttpServer.serve(ANY, ROUTES);
                        var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                    assertThat(get(connection, "/fail").status()).isEqualTo(500);
                    RawHttp.Reply missing = get(connection, "/missing");
                    assertThat(missing.status()).isEqualTo(404);
                    assertThat(missing.body()).isEqualTo("nothing here\n");
                    assertThat(get(connection, "/").status()).isEqualTo(200);
                }
                return null;
            });
        }
        assertThat(problems.messages()).hasSize(1);
        assertThat(problems.messages().getFirst()).contains("GET /fail");
    }

    @Test
    void aBodyOverTheLimitIsA413BeforeItIsRead() {
        var options = HttpServerOptions.defaults().withMaxBodySize(10);
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, ROUTES, options);
                    var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                send(connection, "POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n");
                assertThat(RawHttp.read(connection, false).status()).isEqualTo(413);
                assertThat(connection.readAll(1024)).isEmpty();
            }
        });
    }

    @Test
    void anIdleConnectionClosesAtTheIdleTimeoutOnTheLoopsClock() {
        var clock = new VirtualClock();
        VirtualClock.run(clock, () -> {
            try (var server = HttpServer.serve(ANY, ROUTES);
                    var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                assertThat(get(connection, "/").status()).isEqualTo(200);
                clock.advance(Duration.ofSeconds(59));
                assertThat(get(connection, "/").status()).isEqualTo(200);
                clock.advance(Duration.ofSeconds(61));
                assertThat(connection.readAll(1024)).isEmpty();
            }
            return null;
        });
    }

    @Test
    void aHalfSentHeadIsA408AtTheHeaderTimeout() {
        var options = HttpServerOptions.defaults().withHeaderReadTimeout(Duration.ofMillis(50));
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, ROUTES, options);
                    var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                send(connection, "GET / HTTP/1.1\r\nHost:");
                assertThat(RawHttp.read(connection, false).status()).isEqualTo(408);
                assertThat(connection.readAll(1024)).isEmpty();
            }
        });
    }

    @Test
    void closingWithGraceFinishesTheRequestInFlightAndClosesIdleConnections() {
        var release = new Event();
        var started = new Event();
        var slow = Routes.builder().get("/slow", (request, response) -> {
            started.set();
            release.await();
            response.send("done");
        }).build();
        Weft.run(() -> {
            var server = HttpServer.serve(ANY, slow);
            try (var busy = TcpConnection.connect("127.0.0.1", server.port());
                    var idle = TcpConnection.connect("127.0.0.1", server.port())) {
                send(busy, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
                started.await();
                var closing = Weft.spawn(() -> server.close(Duration.ofSeconds(30)));
                assertThat(idle.readAll(1024)).isEmpty();
                release.set();
                RawHttp.Reply reply = RawHttp.read(busy, false);
                assertThat(reply.body()).isEqualTo("done");
                assertThat(reply.header("Connection")).isEqualTo("close");
                closing.join();
            }
        });
    }

    @Test
    void aClientThatGoesAwayCancelsItsHandler() {
        var cancelled = new AtomicBoolean();
        var started = new Event();
        var done = new Event();
        var waiting = Routes.builder().get("/wait", (request, response) -> {
            started.set();
            try {
                Weft.sleep(Duration.ofHours(1));
            } catch (CancellationException expected) {
                cancelled.set(true);
                throw expected;
            } finally {
                done.set();
            }
        }).build();
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, waiting)) {
                var connection = TcpConnection.connect("127.0.0.1", server.port());
                send(connection, "GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
                started.await();
                connection.close();
                done.await();
            }
        });
        assertThat(cancelled).isTrue();
    }

    @Test
    void filtersRunAroundHandlersInOrderAndMayAnswerThemselves() {
        List<String> seen = new ArrayList<>();
        var count = new AtomicInteger();
        var routes = Routes.builder()
                .get("/open", (request, response) -> response.send("open"))
                .get("/secret", (request, response) -> response.send("secret"))
                .filter((request, response, chain) -> {
                    seen.add("outer " + request.path());
                    chain.proceed();
                    count.incrementAndGet();
                })
                .before((request, response) -> {
                    if (request.path().equals("/secret")) {
                        response.status(401).send("log in");
                    }
                })
                .after((request, response) -> seen.add("after " + response.status()))
                .build();
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, routes);
                    var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                assertThat(get(connection, "/open").body()).isEqualTo("open");
                assertThat(get(connection, "/secret").status()).isEqualTo(401);
                assertThat(get(connection, "/nowhere").status()).isEqualTo(404);
            }
        });
        assertThat(seen).containsExactly("outer /open", "after 200", "outer /secret",
                "outer /nowhere", "after 404");
        assertThat(count).hasValue(3);
    }
}
