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

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and timeouts of an {@link HttpServer}, each explicit, with defaults close to
 * Helidon's and Jetty's. Every time limit runs on the loop's clock, so on a virtual clock a
 * test of a 60 s idle timeout takes no time.
 *
 * {@snippet :
 * var options = HttpServerOptions.defaults()
 *         .withMaxBodySize(100 * 1024 * 1024)
 *         .withIdleTimeout(Duration.ofSeconds(30));
 * }
 *
 * @param maxRequestLineLength the longest request line, in bytes (8 KiB); longer is 414
 * @param maxHeaderSize the largest header section, in bytes (16 KiB); larger is 431
 * @param maxHeaderCount the most header fields (100); more is 431
 * @param maxBodySize the largest request body, in bytes (10 MiB); larger is 413, as soon as
 *     the length or the chunks say so
 * @param headerReadTimeout how long a request's head may take to arrive once its first byte
 *     has (30 s); then 408 and the connection closes
 * @param idleTimeout how long a kept-alive connection may wait for its next request (60 s)
 * @param handlerTimeout how long a handler may run, or null for no limit (the default); a
 *     handler past it is cancelled and the client gets 503
 * @param handshakeTimeout how long a TLS handshake may take (5 s)
 * @param cancelOnDisconnect whether a handler is cancelled when its client goes away while it
 *     runs (true), as aiohttp's {@code handler_cancellation} does
 */
public record HttpServerOptions(int maxRequestLineLength, int maxHeaderSize,
        int maxHeaderCount, long maxBodySize, Duration headerReadTimeout, Duration idleTimeout,
        Duration handlerTimeout, Duration handshakeTimeout, boolean cancelOnDisconnect) {

    /** Checks the options. */
    public HttpServerOptions {
        positive(maxRequestLineLength, "maxRequestLineLength");
        positive(maxHeaderSize, "maxHeaderSize");
        positive(maxHeaderCount, "maxHeaderCount");
        if (maxBodySize < 0) {
            throw new IllegalArgumentException("maxBodySize must not be negative: "
                    + maxBodySize);
        }
        nonNegative(headerReadTimeout, "headerReadTimeout");
        nonNegative(idleTimeout, "idleTimeout");
        if (handlerTimeout != null) {
            nonNegative(handlerTimeout, "handlerTimeout");
        }
        nonNegative(handshakeTimeout, "handshakeTimeout");
    }

    /** The defaults. */
    public static HttpServerOptions defaults() {
        return new HttpServerOptions(8 * 1024, 16 * 1024, 100, 10L * 1024 * 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(60), null, Duration.ofSeconds(5),
                true);
    }

    /** These options with another {@link #maxRequestLineLength}. */
    public HttpServerOptions withMaxRequestLineLength(int bytes) {
        return new HttpServerOptions(bytes, maxHeaderSize, maxHeaderCount, maxBodySize,
                headerReadTimeout, idleTimeout, handlerTimeout, handshakeTimeout,
                cancelOnDisconnect);
    }

    /** These options with another {@link #maxHeaderSize}. */
    public HttpServerOptions withMaxHeaderSize(int bytes) {
        return new HttpServerOptions(maxRequestLineLength, bytes, maxHeaderCount, maxBodySize,
                headerReadTimeout, idleTimeout, handlerTimeout, handshakeTimeout,
                cancelOnDisconnect);
    }

    /** These options with another {@link #maxHeaderCount}. */
    public HttpServerOptions withMaxHeaderCount(int count) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, count, maxBodySize,
                headerReadTimeout, idleTimeout, handlerTimeout, handshakeTimeout,
                cancelOnDisconnect);
    }

    /** These options with another {@link #maxBodySize}. */
    public HttpServerOptions withMaxBodySize(long bytes) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeaderCount, bytes,
                headerReadTimeout, idleTimeout, handlerTimeout, handshakeTimeout,
                cancelOnDisconnect);
    }

    /** These options with another {@link #headerReadTimeout}. */
    public HttpServerOptions withHeaderReadTimeout(Duration timeout) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeaderCount,
                maxBodySize, timeout, idleTimeout, handlerTimeout, handshakeTimeout,
                cancelOnDisconnect);
    }

    /** These options with another {@link #idleTimeout}. */
    public HttpServerOptions withIdleTimeout(Duration timeout) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeaderCount,
                maxBodySize, headerReadTimeout, timeout, handlerTimeout, handshakeTimeout,
                cancelOnDisconnect);
    }

    /** These options with a {@link #handlerTimeout}, or none for null. */
    public HttpServerOptions withHandlerTimeout(Duration timeout) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeaderCount,
                maxBodySize, headerReadTimeout, idleTimeout, timeout, handshakeTimeout,
                cancelOnDisconnect);
    }

    /** These options with another {@link #handshakeTimeout}. */
    public HttpServerOptions withHandshakeTimeout(Duration timeout) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeaderCount,
                maxBodySize, headerReadTimeout, idleTimeout, handlerTimeout, timeout,
                cancelOnDisconnect);
    }

    /** These options with handlers cancelled, or not, when their client goes away. */
    public HttpServerOptions withCancelOnDisconnect(boolean cancel) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeaderCount,
                maxBodySize, headerReadTimeout, idleTimeout, handlerTimeout, handshakeTimeout,
                cancel);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void nonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }
}
