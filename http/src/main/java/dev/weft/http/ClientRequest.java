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

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A request for {@link HttpClient#send}: a method, an absolute {@code http} or {@code https}
 * URI, header fields, a body and an optional time limit. Immutable; the withers return copies.
 *
 * {@snippet :
 * var request = ClientRequest.of("PUT", URI.create("http://127.0.0.1:8080/items/7"))
 *         .withHeader("Accept", "application/json")
 *         .withBody("application/json", json.getBytes(UTF_8))
 *         .withTimeout(Duration.ofSeconds(5));
 * }
 *
 * @param method the method, such as {@code GET}
 * @param uri where to send it
 * @param headers fields to send besides those the client sets ({@code Host},
 *     {@code Content-Length}, {@code User-Agent} unless given)
 * @param body the body, empty for none
 * @param timeout the limit from sending until the response's head has arrived, or null for
 *     the client's
 */
public record ClientRequest(String method, URI uri, HttpHeaders headers, byte[] body,
        Duration timeout) {

    /** Checks the request. */
    public ClientRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        if (!Syntax.isToken(method)) {
            throw new IllegalArgumentException("\"" + method + "\" is not a method name");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http")
                || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("\"" + uri + "\" is not an absolute http or "
                    + "https URL with a host");
        }
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("the timeout must not be negative: " + timeout);
        }
    }

    /** A request of {@code method} to {@code uri} with no body. */
    public static ClientRequest of(String method, URI uri) {
        return new ClientRequest(method, uri, new HttpHeaders(), new byte[0], null);
    }

    /** A {@code GET} of {@code uri}. */
    public static ClientRequest get(String uri) {
        return of("GET", URI.create(uri));
    }

    /** This request with header field {@code name} set to {@code value}. */
    public ClientRequest withHeader(String name, String value) {
        var copy = new HttpHeaders();
        headers.forEach(copy::add);
        copy.set(name, value);
        return new ClientRequest(method, uri, copy, body, timeout);
    }

    /** This request with {@code body} of {@code contentType}. */
    public ClientRequest withBody(String contentType, byte[] body) {
        return new ClientRequest(method, uri, headers, body, timeout)
                .withHeader("Content-Type", contentType);
    }

    /** This request with its own time limit. */
    public ClientRequest withTimeout(Duration timeout) {
        return new ClientRequest(method, uri, headers, body, timeout);
    }

    /** This request to another URI, for a redirect. */
    ClientRequest withUri(URI target) {
        return new ClientRequest(method, target, headers, body, timeout);
    }

    /** Whether a failed attempt may be sent again without changing the server's state twice. */
    boolean isIdempotent() {
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE" -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
