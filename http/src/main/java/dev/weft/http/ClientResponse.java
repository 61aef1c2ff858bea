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

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A response from an {@link HttpClient}: status and header fields at once, the body streamed
 * from the connection as it is read. Read the body to its end or close the response: either
 * gives the connection back to the pool (closing skips at most 64 KiB of an unread body; past
 * that the connection is closed instead).
 *
 * {@snippet :
 * try (ClientResponse response = client.get("http://127.0.0.1:8080/items")) {
 *     if (response.status() == 200) {
 *         process(response.bodyAsString());
 *     }
 * }
 * }
 *
 * <p><b>Threads:</b> a response belongs to the task that sent its request.
 */
public final class ClientResponse implements AutoCloseable {
    private final HttpClient client;
    private final ClientConnection connection;
    private final ResponseHead head;
    private final BodyReader body;
    private final URI uri;
    private final boolean keepAlive;
    private boolean released;

    ClientResponse(HttpClient client, ClientConnection connection, ResponseHead head,
            BodyReader body, URI uri, boolean keepAlive) {
        this.client = client;
        this.connection = connection;
        this.head = head;
        this.body = body;
        this.uri = uri;
        this.keepAlive = keepAlive;
        head.headers.freeze();
        if (body.finished()) {
            release();
        }
    }

    /** Returns the status code. */
    public int status() {
        return head.status;
    }

    /** Returns the reason phrase the server sent. */
    public String reason() {
        return head.reason;
    }

    /** Returns the header fields. */
    public HttpHeaders headers() {
        return head.headers;
    }

    /** Returns the first value of header field {@code name}. */
    public Optional<String> header(String name) {
        return head.headers.first(name);
    }

    /** Returns the URI that answered: the request's, or the last redirect's. */
    public URI uri() {
        return uri;
    }

    /**
     * Returns how long the server asks the client to wait ({@code Retry-After}, in seconds or
     * as an HTTP date), if it says; a date in the past is zero.
     */
    public Optional<Duration> retryAfter() {
        return head.headers.first("Retry-After").flatMap(ClientResponse::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String text = value.strip();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return text.length() > 12 ? Optional.empty()
                    : Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    /**
     * Reads up to {@code length} bytes of the body. This is a cancellation point.
     *
     * @return how many, or -1 at its end (the connection then goes back to the pool)
     */
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int count = body.read(buffer, offset, length);
            if (count < 0 || body.finished()) {
                release();
            }
            return count;
        } catch (IOException | RuntimeException e) {
            discardConnection();
            throw e;
        }
    }

    /** Returns the body as a stream; closing it closes the response. */
    public InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int count;
                do {
                    count = ClientResponse.this.read(one, 0, 1);
                } while (count == 0);
                return count < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return ClientResponse.this.read(buffer, offset, length);
            }

            @Override
            public void close() throws IOException {
                ClientResponse.this.close();
            }
        };
    }

    /** Returns the whole body, at most the client's {@code maxBodySize} bytes. */
    public byte[] bodyAsBytes() throws IOException {
        return bodyAsBytes(client.maxBodySize());
    }

    /**
     * Returns the whole body, at most {@code limit} bytes.
     *
     * @throws BadMessageException if it is longer
     */
    public byte[] bodyAsBytes(int limit) throws IOException {
        try {
            byte[] all = body.readAll(limit);
            release();
            return all;
        } catch (IOException | RuntimeException e) {
            discardConnection();
            throw e;
        }
    }

    /** Returns the whole body as UTF-8 text (or the charset the response declares). */
    public String bodyAsString() throws IOException {
        String type = head.headers.get("Content-Type");
        var charset = StandardCharsets.UTF_8;
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).contains("charset=")) {
            String name = type.substring(type.toLowerCase(java.util.Locale.ROOT)
                    .indexOf("charset=") + 8).split(";")[0].strip().replace("\"", "");
            try {
                return new String(bodyAsBytes(), java.nio.charset.Charset.forName(name));
            } catch (IllegalArgumentException unknown) {
                // an unknown charset: read it as UTF-8
            }
        }
        return new String(bodyAsBytes(), charset);
    }

    /** Skips what is left of the body and gives the connection back; idempotent. */
    @Override
    public void close() {
        if (released) {
            return;
        }
        try {
            if (body.discard(64 * 1024)) {
                release();
                return;
            }
        } catch (IOException | RuntimeException e) {
            // a body that breaks off: the connection is no use again
        }
        discardConnection();
    }

    @Override
    public String toString() {
        return head.status + " from " + uri;
    }

    private void release() {
        if (!released) {
            released = true;
            client.release(connection, keepAlive && body.finished() && connection.in.available()
                    == 0);
        }
    }

    private void discardConnection() {
        if (!released) {
            released = true;
            client.release(connection, false);
        }
    }
}
