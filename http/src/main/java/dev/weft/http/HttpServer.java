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

import dev.weft.Loop;
import dev.weft.net.TcpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 server on the calling task's loop: each connection is one task that reads its
 * requests, runs their handlers and writes the answers, in order, with pipelining and
 * keep-alive.
 *
 * {@snippet :
 * Weft.run(() -> {
 *     Routes routes = Routes.builder()
 *             .get("/", (request, response) -> response.send("hello\n"))
 *             .build();
 *     try (var server = HttpServer.serve(new InetSocketAddress("127.0.0.1", 8080), routes)) {
 *         Weft.sleep(Duration.ofHours(1));
 *     }
 * });
 * }
 *
 * <p><b>Strict:</b> requests are parsed as RFC 9112 says, and an ambiguous or malformed one is
 * answered 400 (or 413, 414, 417, 431, 501, 505) and its connection closed; see
 * {@link HttpServerOptions} for every limit.
 *
 * <p><b>Closing:</b> {@link #close(Duration)} stops accepting, closes idle keep-alive
 * connections at once, lets requests in flight finish (their answers carry
 * {@code Connection: close}) for up to the grace period, then cancels the rest: each of those
 * is reported, and its client gets a 503 if its answer had not started.
 *
 * <p><b>Threads:</b> closing and the accessors may be called from any task.
 */
public final class HttpServer implements AutoCloseable {
    private final Routes routes;
    private final HttpServerOptions options;
    private final Loop loop;
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private TcpServer tcp;

    private HttpServer(Routes routes, HttpServerOptions options) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.options = Objects.requireNonNull(options, "options");
        this.loop = Loop.current();
    }

    /**
     * Serves {@code routes} on {@code address} (port 0 picks a free one) with the default
     * options.
     *
     * @throws java.net.BindException if the address is in use
     * @throws WrongThreadException if the caller is not a task
     */
    public static HttpServer serve(InetSocketAddress address, Routes routes) throws IOException {
        return serve(address, routes, HttpServerOptions.defaults());
    }

    /** Serves {@code routes} on {@code address} with {@code options}. */
    public static HttpServer serve(InetSocketAddress address, Routes routes,
            HttpServerOptions options) throws IOException {
        requireTask();
        var server = new HttpServer(routes, options);
        server.tcp = TcpServer.serve(address, tcp -> new ServerConnection(server, tcp).serve());
        return server;
    }

    /** Serves {@code routes} over TLS on {@code address} with the default options. */
    public static HttpServer serveTls(InetSocketAddress address, SSLContext context,
            Routes routes) throws IOException {
        return serveTls(address, context, routes, HttpServerOptions.defaults());
    }

    /**
     * Serves {@code routes} over TLS with {@code context}; each handshake is bounded by
     * {@link HttpServerOptions#handshakeTimeout()}.
     */
    public static HttpServer serveTls(InetSocketAddress address, SSLContext context,
            Routes routes, HttpServerOptions options) throws IOException {
        requireTask();
        var server = new HttpServer(routes, options);
        server.tcp = TcpServer.serveTls(address, context, options.handshakeTimeout(),
                tcp -> new ServerConnection(server, tcp).serve());
        return server;
    }

    private static void requireTask() {
        if (!dev.weft.Weft.inTask()) {
            throw new WrongThreadException("HttpServer.serve must be called from a task; "
                    + "start one with Weft.run(...)");
        }
    }

    /** Returns the port the server listens on. */
    public int port() {
        return tcp.port();
    }

    /** Returns the address the server listens on. */
    public InetSocketAddress address() {
        return tcp.address();
    }

    /** Returns how many connections are open. */
    public int connections() {
        return connections.size();
    }

    /** Closes at once: see {@link #close(Duration)} with no grace. */
    @Override
    public void close() throws IOException {
        close(Duration.ZERO);
    }

    /**
     * Stops accepting, closes idle connections, lets requests in flight finish for up to
     * {@code grace}, then cancels and reports the rest. This is a cancellation point.
     */
    public void close(Duration grace) throws IOException {
        Objects.requireNonNull(grace, "grace");
        draining = true;
        if (Loop.current() == loop) {
            closeIdle();
        } else {
            loop.execute(this::closeIdle);
        }
        tcp.close(grace);
    }

    private void closeIdle() {
        for (ServerConnection connection : connections) {
            connection.closeIfIdle();
        }
    }

    @Override
    public String toString() {
        return "HttpServer[" + tcp.address() + ", " + connections() + " connections]";
    }

    // ---- for the connections -------------------------------------------------------------------

    Routes routes() {
        return routes;
    }

    HttpServerOptions options() {
        return options;
    }

    boolean draining() {
        return draining;
    }

    void track(ServerConnection connection) {
        connections.add(connection);
    }

    void untrack(ServerConnection connection) {
        connections.remove(connection);
    }
}
