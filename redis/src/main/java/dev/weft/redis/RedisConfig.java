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

package dev.weft.redis;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where a Redis server is and how to reach it: host and port, an ACL user and password (never
 * printed), TLS, and how long to keep retrying while it is unreachable. Immutable; the
 * {@code with} methods return changed copies.
 *
 * {@snippet :
 * var config = RedisConfig.of("10.0.0.5", 6379)
 *         .withPassword("worker", System.getenv("REDIS_PASSWORD"))
 *         .withTls(SSLContext.getDefault());   // checks the certificate names the host
 * }
 */
public final class RedisConfig {
    private final String host;
    private final int port;
    private final String user;          // null: the default user
    private final String password;      // null: no AUTH
    private final SSLContext tls;       // null: plain TCP
    private final Duration reconnectFor;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration connectTimeout;

    private RedisConfig(String host, int port, String user, String password, SSLContext tls,
            Duration reconnectFor, Duration firstBackoff, Duration maxBackoff,
            Duration connectTimeout) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.tls = tls;
        this.reconnectFor = reconnectFor;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.connectTimeout = connectTimeout;
    }

    /**
     * A server at {@code host}:{@code port}, without AUTH or TLS, retried for 30 s while it is
     * unreachable (after it was reached once: a server down at the first connect is an error at
     * once).
     */
    public static RedisConfig of(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port (1-65535)");
        }
        return new RedisConfig(host, port, null, null, null, Duration.ofSeconds(30),
                Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** Authenticates as ACL {@code user} (null: the default user) with {@code password}. */
    public RedisConfig withPassword(String user, String password) {
        Objects.requireNonNull(password, "password");
        return new RedisConfig(host, port, user, password, tls, reconnectFor, firstBackoff,
                maxBackoff, connectTimeout);
    }

    /** Talks TLS with {@code context}, checking that the server's certificate names the host. */
    public RedisConfig withTls(SSLContext context) {
        Objects.requireNonNull(context, "context");
        return new RedisConfig(host, port, user, password, context, reconnectFor, firstBackoff,
                maxBackoff, connectTimeout);
    }

    /**
     * Keeps retrying a lost server for {@code total}, with backoff from {@code first} doubling
     * up to {@code max} (with jitter), before commands fail.
     */
    public RedisConfig withReconnect(Duration total, Duration first, Duration max) {
        requirePositive(total, "total");
        requirePositive(first, "first");
        requirePositive(max, "max");
        return new RedisConfig(host, port, user, password, tls, total, first, max,
                connectTimeout);
    }

    /**
     * Bounds each connection's set-up (TCP connect, TLS handshake, AUTH) by {@code timeout}, on
     * the loop's clock; 10 s unless set.
     */
    public RedisConfig withConnectTimeout(Duration timeout) {
        requirePositive(timeout, "timeout");
        return new RedisConfig(host, port, user, password, tls, reconnectFor, firstBackoff,
                maxBackoff, timeout);
    }

    /** Returns the host. */
    public String host() {
        return host;
    }

    /** Returns the port. */
    public int port() {
        return port;
    }

    /** Returns {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    SSLContext tls() {
        return tls;
    }

    Duration reconnectFor() {
        return reconnectFor;
    }

    Duration firstBackoff() {
        return firstBackoff;
    }

    Duration maxBackoff() {
        return maxBackoff;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    /** The address and what is set, never the password. */
    @Override
    public String toString() {
        return "RedisConfig[" + address() + (password != null ? ", AUTH as "
                + (user != null ? user : "default") : "") + (tls != null ? ", TLS" : "") + "]";
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive; got " + duration);
        }
    }
}
