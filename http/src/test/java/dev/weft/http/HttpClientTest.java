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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.net.TcpServer;
import dev.weft.sync.Event;
import dev.weft.test.VirtualClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The client against Weft's own server and against hand-written misbehaving servers. */
class HttpClientTest {
    private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);

    private static String base(HttpServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    @Test
    void keptAliveRequestsShareOneConnection() {
        Set<InetSocketAddress> peers = ConcurrentHashMap.newKeySet();
        var routes = Routes.builder()
                .get("/", (request, response) -> {
                    peers.add(request.remoteAddress());
                    response.send("hi");
                })
                .build();
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, routes);
                    var client = HttpClient.create()) {
                for (int i = 0; i < 20; i++) {
                    try (var response = client.get(base(server) + "/")) {
                        assertThat(response.status()).isEqualTo(200);
                        assertThat(response.bodyAsString()).isEqualTo("hi");
                    }
                }
                assertThat(client.openConnections()).isEqualTo(1);
            }
        });
        assertThat(peers).hasSize(1);
    }

    @Test
    void chunkedBodiesHeadAndPostsWork() {
        var routes = Routes.builder()
                .get("/chunks", (request, response) -> {
                    try (OutputStream out = response.outputStream()) {
                        for (int i = 0; i < 100; i++) {
                            out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                        }
                    }
                })
                .post("/echo", (request, response) -> response.send(request.bodyAsBytes()))
                .build();
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, routes);
                    var client = HttpClient.create()) {
                String body = client.get(base(server) + "/chunks").bodyAsString();
                assertThat(body.lines()).hasSize(100).endsWith("line 99");
                var head = client.send(ClientRequest.of("HEAD",
                        java.net.URI.create(base(server) + "/chunks")));
                assertThat(head.status()).isEqualTo(200);
                assertThat(head.bodyAsBytes()).isEmpty();
                byte[] data = new byte[100_000];
                new java.util.Random(1).nextBytes(data);
                assertThat(client.post(base(server) + "/echo", "application/octet-stream", data)
                        .bodyAsBytes()).isEqualTo(data);
                assertThat(client.openConnections()).isEqualTo(1);
            }
        });
    }

    @Test
    void anIdleConnectionTheServerClosesLeavesThePoolAtOnce() {
        var clock = new VirtualClock();
        var routes = Routes.builder().get("/", (request, response) -> response.send("x")).build();
        VirtualClock.run(clock, () -> {
            try (var server = HttpServer.serve(ANY, routes);
                    var client = HttpClient.create()) {
                assertThat(client.get(base(server) + "/").bodyAsString()).isEqualTo("x");
                assertThat(client.idleConnections()).isEqualTo(1);
                clock.advance(Duration.ofSeconds(61));       // the server's idle timeout
                for (int turns = 0; client.idleConnections() > 0 && turns < 100_000; turns++) {
                    Weft.yieldNow();
                }
                assertThat(client.idleConnections()).isZero();
                assertThat(client.openConnections()).isZero();
                assertThat(client.get(base(server) + "/").bodyAsString()).isEqualTo("x");
            }
            return null;
        });
    }

    /** A server that answers the first request of each connection and drops the second. */
    private static TcpServer droppingSecondRequests(AtomicInteger connections) throws IOException {
        return TcpServer.serve(ANY, connection -> {
            connections.incrementAndGet();
            connection.readUntil("\r\n\r\n".getBytes(), 8192);
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            connection.readUntil("\r\n\r\n".getBytes(), 8192);
            // the second request is read and the connection closed with no answer, as a
            // server does whose keep-alive timeout raced the request
        });
    }

    @Test
    void anIdempotentRequestLostOnAReusedConnectionIsSentAgainOnce() {
        var connections = new AtomicInteger();
        Weft.run(() -> {
            try (var server = droppingSecondRequests(connections);
                    var client = HttpClient.create()) {
                String url = "http://127.0.0.1:" + server.port() + "/";
                assertThat(client.get(url).bodyAsString()).isEqualTo("ok");
                assertThat(client.get(url).bodyAsString()).isEqualTo("ok");
            }
        });
        assertThat(connections).hasValue(2);
    }

    @Test
    void aPostLostOnAReusedConnectionIsNotSentAgain() {
        var connections = new AtomicInteger();
        Weft.run(() -> {
            try (var server = droppingSecondRequests(connections);
                    var client = HttpClient.create()) {
                String url = "http://127.0.0.1:" + server.port() + "/";
                assertThat(client.get(url).bodyAsString()).isEqualTo("ok");
                assertThatThrownBy(() -> client.post(url, "text/plain", new byte[] {1}))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("closed the connection before answering POST");
            }
        });
        assertThat(connections).hasValue(1);
    }

    @Test
    void redirectsAreFollowedUpToTheLimit() {
        var routes = Routes.builder()
                .get("/old", (request, response) ->
                        response.status(301).header("Location", "/new").send())
                .get("/new", (request, response) -> response.send("moved here"))
                .post("/form", (request, response) ->
                        response.status(303).header("Location", "/new").send())
                .get("/loop", (request, response) ->
                        response.status(302).header("Location", "/loop").send())
                .build();
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, routes);
                    var client = HttpClient.create()) {
                var moved = client.get(base(server) + "/old");
                assertThat(moved.bodyAsString()).isEqualTo("moved here");
                assertThat(moved.uri().getPath()).isEqualTo("/new");
                assertThat(client.post(base(server) + "/form", "text/plain",
                        "a".getBytes()).bodyAsString()).isEqualTo("moved here");
                var looping = client.get(base(server) + "/loop");
                assertThat(looping.status()).isEqualTo(302);
                looping.close();
            }
        });
    }

    @Test
    void noMoreThanThePerHostLimitOfConnectionsAreOpen() {
        var inFlight = new AtomicInteger();
        var most = new AtomicInteger();
        var routes = Routes.builder().get("/slow", (request, response) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Weft.sleep(Duration.ofMillis(5));
            inFlight.decrementAndGet();
            response.send("done");
        }).build();
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, routes);
                    var client = HttpClient.builder().maxConnectionsPerHost(3).build()) {
                List<Task<String>> tasks = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    tasks.add(Weft.spawn(() -> client.get(base(server) + "/slow")
                            .bodyAsString()));
                }
                assertThat(Weft.gather(tasks)).hasSize(30).containsOnly("done");
                assertThat(client.openConnections()).isLessThanOrEqualTo(3);
            }
        });
        assertThat(most.get()).isBetween(1, 3);
    }

    @Test
    void aResponseHeadThatIsLateIsAnHttpTimeoutException() {
        var release = new Event();
        var routes = Routes.builder().get("/never", (request, response) -> {
            release.await();
            response.send();
        }).build();
        Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, routes);
                    var client = HttpClient.builder().requestTimeout(Duration.ofMillis(50))
                            .build()) {
                assertThatThrownBy(() -> client.get(base(server) + "/never"))
                        .isInstanceOf(HttpTimeoutException.class)
                        .hasMessageContaining("no response head within");
                release.set();
            }
        });
    }

    @Test
    void retryAfterIsReadInSecondsAndAsADate() {
        assertThat(ClientResponse.parseRetryAfter("120")).contains(Duration.ofSeconds(120));
        assertThat(ClientResponse.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
                .contains(Duration.ZERO);
        assertThat(ClientResponse.parseRetryAfter("soon")).isEmpty();
    }
}
