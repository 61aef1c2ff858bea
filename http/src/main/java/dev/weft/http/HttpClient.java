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
import dev.weft.Weft;
import dev.weft.net.TcpConnection;
import dev.weft.sync.Condition;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 client on the calling task's loop, with a pool of kept-alive connections per
 * host.
 *
 * {@snippet :
 * try (var client = HttpClient.builder().maxConnectionsPerHost(4).build()) {
 *     try (ClientResponse response = client.get("http://127.0.0.1:8080/")) {
 *         System.out.println(response.status() + " " + response.bodyAsString());
 *     }
 * }
 * }
 *
 * <p><b>The pool.</b> At most {@code maxConnectionsPerHost} connections to one host and
 * {@code maxConnections} in all are open; a request past that parks until one is free. An idle
 * pooled connection is watched on the loop's selector: when the server closes it (or sends
 * anything unasked) it leaves the pool at once. A request that fails on a reused connection
 * before any byte of its response came, which is how a server's close can still race a
 * request, is sent once more on a new connection if its method is idempotent.
 *
 * <p><b>Time limits</b> are cancel scopes on the loop's clock: connecting
 * ({@code connectTimeout}) and, per request, from sending until the response's head has
 * arrived ({@code requestTimeout}, or the request's own); past them a
 * {@link HttpTimeoutException}. Wrap a call in {@link Weft#timeout} for any other limit.
 *
 * <p><b>Redirects</b> (301, 302, 303, 307, 308) are followed up to {@code followRedirects}
 * times; a 303, and a 301 or 302 answering a {@code POST}, become a {@code GET} without body;
 * {@code Authorization} is not sent to another host.
 *
 * <p><b>Threads:</b> a client belongs to the loop that built it; its tasks may share it.
 * Closing it closes every connection, also those of responses not yet read.
 */
public final class HttpClient implements AutoCloseable {
    private final Loop loop;
    private final int maxPerHost;
    private final int maxTotal;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int followRedirects;
    private final int maxBodySize;
    private final SSLContext sslContext;
    private final String userAgent;
    private final Map<String, ArrayDeque<ClientConnection>> idle = new HashMap<>();
    private final Map<String, Integer> openPerHost = new HashMap<>();
    private final java.util.Set<ClientConnection> open = new java.util.HashSet<>();
    private final Condition freed = new Condition();
    private boolean closed;

    private HttpClient(Builder builder) {
        this.loop = Loop.current();
        this.maxPerHost = builder.maxPerHost;
        this.maxTotal = builder.maxTotal;
        this.connectTimeout = builder.connectTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.followRedirects = builder.followRedirects;
        this.maxBodySize = builder.maxBodySize;
        this.sslContext = builder.sslContext;
        this.userAgent = builder.userAgent;
    }

    /** A client with the defaults; see {@link Builder}. */
    public static HttpClient create() {
        return builder().build();
    }

    /** Starts a client's settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Sends a {@code GET} of {@code uri}; see {@link #send}. */
    public ClientResponse get(String uri) throws IOException {
        return send(ClientRequest.get(uri));
    }

    /** Sends a {@code GET} of {@code uri}; see {@link #send}. */
    public ClientResponse get(URI uri) throws IOException {
        return send(ClientRequest.of("GET", uri));
    }

    /** Sends a {@code POST} of {@code body} to {@code uri}; see {@link #send}. */
    public ClientResponse post(String uri, String contentType, byte[] body) throws IOException {
        return send(ClientRequest.of("POST", URI.create(uri)).withBody(contentType, body));
    }

    /**
     * Sends {@code request} and returns its response once the head has arrived; the body
     * streams from there. This is a cancellation point.
     *
     * @throws HttpTimeoutException if connecting or the response's head took too long
     * @throws BadMessageException if the server's response is malformed
     * @throws IOException if the connection failed
     * @throws WrongThreadException if called from another loop than the client's
     */
    public ClientResponse send(ClientRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        if (Loop.current() != loop) {
            throw new WrongThreadException("this HttpClient belongs to " + loop + "; make one "
                    + "per loop");
        }
        ClientRequest current = request;
        for (int redirects = 0; ; redirects++) {
            ClientResponse response = sendOnce(current);
            int status = response.status();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307
                    || status == 308;
            if (!redirect || redirects >= followRedirects || response.header("Location")
                    .isEmpty()) {
                return response;
            }
            URI target = current.uri().resolve(response.header("Location").orElseThrow());
            response.close();
            current = redirected(current, target, status);
        }
    }

    private static ClientRequest redirected(ClientRequest request, URI target, int status) {
        ClientRequest next = request.withUri(target);
        boolean toGet = status == 303 && !request.method().equals("HEAD")
                || (status == 301 || status == 302) && request.method().equals("POST");
        var headers = new HttpHeaders();
        request.headers().forEach((name, value) -> {
            boolean bodyField = name.equalsIgnoreCase("Content-Type")
                    || name.equalsIgnoreCase("Content-Length");
            boolean credentials = name.equalsIgnoreCase("Authorization")
                    && !sameOrigin(request.uri(), target);
            if (!(toGet && bodyField) && !credentials) {
                headers.add(name, value);
            }
        });
        return new ClientRequest(toGet ? "GET" : request.method(), target, headers,
                toGet ? new byte[0] : request.body(), request.timeout());
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private ClientResponse sendOnce(ClientRequest request) throws IOException {
        ClientConnection connection = acquire(request.uri());
        try {
            return exchange(connection, request);
        } catch (IOException failed) {
            boolean beforeResponse = connection.in.available() == 0
                    && !(failed instanceof BadMessageException)
                    && !(failed instanceof HttpTimeoutException);
            release(connection, false);
            if (!(connection.reused() && beforeResponse && request.isIdempotent())) {
                throw failed;
            }
            ClientConnection fresh = open(request.uri());
            try {
                return exchange(fresh, request);
            } catch (IOException | RuntimeException again) {
                release(fresh, false);
                again.addSuppressed(failed);
                throw again;
            }
        } catch (RuntimeException failed) {
            release(connection, false);
            throw failed;
        }
    }

    private ClientResponse exchange(ClientConnection connection, ClientRequest request)
            throws IOException {
        Duration limit = request.timeout() != null ? request.timeout() : requestTimeout;
        ResponseHead head;
        try {
            head = Weft.timeout(limit, () -> {
                writeRequest(connection, request);
                ResponseHead got;
                do {
                    got = connection.parser.parseResponse();
                    if (got == null) {
                        throw new EOFException("the server closed the connection before "
                                + "answering " + request);
                    }
                } while (got.status < 200);       // 100 Continue and other interim answers
                return got;
            });
        } catch (TimeoutException late) {
            var timeout = new HttpTimeoutException(request + " got no response head within "
                    + limit);
            timeout.initCause(late);
            throw timeout;
        }
        boolean noBody = request.method().equals("HEAD") || HttpStatus.forbidsBody(head.status);
        Framing framing = noBody ? Framing.EMPTY : Framing.of(head.headers, false,
                head.minorVersion);
        boolean keepAlive = head.minorVersion >= 1 ? !head.headers.hasToken("Connection", "close")
                : head.headers.hasToken("Connection", "keep-alive");
        if (framing.length() < 0 && !framing.chunked()) {
            keepAlive = false;                 // the body runs to the close
        }
        var body = new BodyReader(connection.in, connection.parser, framing, Long.MAX_VALUE,
                null);
        return new ClientResponse(this, connection, head, body, request.uri(), keepAlive);
    }

    private void writeRequest(ClientConnection connection, ClientRequest request)
            throws IOException {
        URI uri = request.uri();
        OutputBuffer out = connection.out();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/"
                : uri.getRawPath();
        out.appendLatin1(request.method());
        out.appendByte(' ');
        out.appendLatin1(path);
        if (uri.getRawQuery() != null) {
            out.appendByte('?');
            out.appendLatin1(uri.getRawQuery());
        }
        out.appendLatin1(" HTTP/1.1\r\nHost: ");
        out.appendLatin1(uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        out.appendCrlf();
        HttpHeaders headers = request.headers();
        if (!headers.contains("User-Agent")) {
            out.appendLatin1("User-Agent: ");
            out.appendLatin1(userAgent);
            out.appendCrlf();
        }
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.nameAt(i);
            if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Content-Length")
                    || name.equalsIgnoreCase("Transfer-Encoding")) {
                continue;
            }
            out.appendLatin1(name);
            out.appendLatin1(": ");
            out.appendLatin1(headers.valueAt(i));
            out.appendCrlf();
        }
        byte[] body = request.body();
        if (body.length > 0 || request.method().equals("POST") || request.method().equals("PUT")
                || request.method().equals("PATCH")) {
            out.appendLatin1("Content-Length: ");
            out.appendDecimal(body.length);
            out.appendCrlf();
        }
        out.appendCrlf();
        if (body.length > 0) {
            out.writeDirect(body, 0, body.length);
        } else {
            out.flush();
        }
    }

    // ---- the pool ------------------------------------------------------------------------------

    private ClientConnection acquire(URI uri) throws IOException {
        String key = key(uri);
        freed.lock();
        try {
            while (true) {
                checkOpen();
                ArrayDeque<ClientConnection> waiting = idle.get(key);
                while (waiting != null && !waiting.isEmpty()) {
                    ClientConnection pooled = waiting.pollLast();
                    if (pooled.take()) {
                        return pooled;
                    }
                    forget(pooled);
                }
                if (openPerHost.getOrDefault(key, 0) < maxPerHost && open.size() < maxTotal) {
                    break;
                }
                if (open.size() >= maxTotal && closeOneIdle()) {
                    continue;
                }
                freed.awaitUninterruptibly();
            }
            openPerHost.merge(key, 1, Integer::sum);
        } finally {
            freed.unlock();
        }
        return connect(uri, key);
    }

    /** Opens a connection past the idle ones, for a retry; counts against the limits too. */
    private ClientConnection open(URI uri) throws IOException {
        String key = key(uri);
        freed.lock();
        try {
            while (openPerHost.getOrDefault(key, 0) >= maxPerHost || open.size() >= maxTotal) {
                checkOpen();
                if (!closeOneIdle()) {
                    freed.awaitUninterruptibly();
                }
            }
            openPerHost.merge(key, 1, Integer::sum);
        } finally {
            freed.unlock();
        }
        return connect(uri, key);
    }

    private ClientConnection connect(URI uri, String key) throws IOException {
        ClientConnection connection = null;
        try {
            TcpConnection tcp = Weft.timeout(connectTimeout, () -> uri.getScheme()
                    .equalsIgnoreCase("https")
                    ? TcpConnection.connectTls(uri.getHost(), port(uri), sslContext())
                    : TcpConnection.connect(uri.getHost(), port(uri)));
            connection = new ClientConnection(key, tcp);
            open.add(connection);
            return connection;
        } catch (TimeoutException late) {
            var timeout = new HttpTimeoutException("connecting to " + key + " took longer than "
                    + connectTimeout);
            timeout.initCause(late);
            throw timeout;
        } finally {
            if (connection == null) {
                openPerHost.merge(key, -1, Integer::sum);
                signal();
            }
        }
    }

    /** Takes a connection back from a response: into the pool, or closed. */
    void release(ClientConnection connection, boolean reusable) {
        if (reusable && !closed && connection.tcp.isOpen()) {
            idle.computeIfAbsent(connection.key, key -> new ArrayDeque<>()).addLast(connection);
            connection.idle(() -> {
                ArrayDeque<ClientConnection> waiting = idle.get(connection.key);
                if (waiting != null && waiting.remove(connection)) {
                    connection.close();
                    forget(connection);
                }
            });
        } else {
            connection.close();
            forget(connection);
        }
        signal();
    }

    private void forget(ClientConnection connection) {
        if (open.remove(connection)) {
            openPerHost.merge(connection.key, -1, Integer::sum);
        }
        signal();
    }

    private boolean closeOneIdle() {
        for (ArrayDeque<ClientConnection> waiting : idle.values()) {
            ClientConnection oldest = waiting.pollFirst();
            if (oldest != null) {
                oldest.close();
                forget(oldest);
                return true;
            }
        }
        return false;
    }

    private void signal() {
        freed.lock();
        try {
            freed.signalAll();
        } finally {
            freed.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this HttpClient is closed");
        }
    }

    private SSLContext sslContext() throws IOException {
        if (sslContext != null) {
            return sslContext;
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no default TLS context in this JDK", e);
        }
    }

    int maxBodySize() {
        return maxBodySize;
    }

    private static String key(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                .toLowerCase(Locale.ROOT) + ":" + port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort()
                : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** Returns how many connections are open, idle or in use. */
    public int openConnections() {
        return open.size();
    }

    /** Returns how many connections idle in the pool. */
    public int idleConnections() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** Closes every connection, idle or in use; further requests fail. */
    @Override
    public void close() {
        closed = true;
        for (ClientConnection connection : new ArrayList<>(open)) {
            connection.close();
            forget(connection);
        }
        idle.clear();
        signal();
    }

    @Override
    public String toString() {
        return "HttpClient[" + open.size() + " open, " + idleConnections() + " idle]";
    }

    /** The settings of a client, each with a default. */
    public static final class Builder {
        private int maxPerHost = 8;
        private int maxTotal = 64;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int followRedirects = 5;
        private int maxBodySize = 16 * 1024 * 1024;
        private SSLContext sslContext;
        private String userAgent = "weft-http";

        private Builder() {
        }

        /** At most this many connections to one host (8). */
        public Builder maxConnectionsPerHost(int count) {
            this.maxPerHost = positive(count, "maxConnectionsPerHost");
            return this;
        }

        /** At most this many connections in all (64). */
        public Builder maxConnections(int count) {
            this.maxTotal = positive(count, "maxConnections");
            return this;
        }

        /** How long connecting (and a TLS handshake) may take (10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = nonNegative(timeout, "connectTimeout");
            return this;
        }

        /** How long a response's head may take, from sending the request (30 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = nonNegative(timeout, "requestTimeout");
            return this;
        }

        /** How many redirects to follow (5); 0 returns them as responses. */
        public Builder followRedirects(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("followRedirects must not be negative");
            }
            this.followRedirects = count;
            return this;
        }

        /** The largest body {@link ClientResponse#bodyAsBytes()} reads (16 MiB). */
        public Builder maxBodySize(int bytes) {
            this.maxBodySize = positive(bytes, "maxBodySize");
            return this;
        }

        /** The TLS context for https (the JDK's default). */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** The {@code User-Agent} sent unless a request sets one ({@code weft-http}). */
        public Builder userAgent(String agent) {
            this.userAgent = Objects.requireNonNull(agent, "agent");
            return this;
        }

        /**
         * The client, bound to the calling task's loop.
         *
         * @throws WrongThreadException if the caller is not a task
         */
        public HttpClient build() {
            if (!Weft.inTask()) {
                throw new WrongThreadException("an HttpClient is built in a task, whose loop "
                        + "it then belongs to; start one with Weft.run(...)");
            }
            return new HttpClient(this);
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
