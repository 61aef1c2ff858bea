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

import dev.weft.http.ClientRequest;
import dev.weft.http.ClientResponse;
import dev.weft.http.HttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Fetches over the network with Weft's pooled {@link HttpClient}: keep-alive connections per
 * host, HTTPS with the host checked, redirects left to the crawler.
 */
public final class HttpFetcher implements Fetcher {
    private final HttpClient client;
    private final String userAgent;

    /**
     * Creates a fetcher on the current loop.
     *
     * @param userAgent the {@code User-Agent} sent with each request
     * @param perHost the most connections to one host, as many as the crawler's per-host
     *     concurrency
     * @param total the most connections in all, as many as the crawler's concurrency
     * @param connectTimeout how long a connection may take to open
     */
    public HttpFetcher(String userAgent, int perHost, int total, Duration connectTimeout) {
        this.userAgent = userAgent;
        this.client = HttpClient.builder().followRedirects(0).maxConnectionsPerHost(perHost)
                .maxConnections(Math.max(perHost, total)).connectTimeout(connectTimeout)
                .userAgent(userAgent).build();
    }

    @Override
    public Fetched fetch(URI uri, int maxBytes) throws IOException {
        var request = ClientRequest.get(uri.toString()).withHeader("Accept",
                "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");
        try (ClientResponse response = client.send(request)) {
            long length = response.header("Content-Length").map(HttpFetcher::length)
                    .orElse(-1L);
            byte[] body;
            boolean truncated = false;
            if (length >= 0 && length <= maxBytes) {
                body = response.bodyAsBytes(maxBytes);      // one array of the right size
            } else {
                var out = new ByteArrayOutputStream();
                byte[] buffer = new byte[(int) Math.min(8192, maxBytes + 1L)];
                while (true) {
                    int count = response.read(buffer, 0, (int) Math.min(buffer.length,
                            maxBytes - (long) out.size() + 1));
                    if (count < 0) {
                        break;
                    }
                    if (out.size() + count > maxBytes) {
                        out.write(buffer, 0, maxBytes - out.size());
                        truncated = true;   // closing the response drops the rest, and the
                                            // connection with it
                        break;
                    }
                    out.write(buffer, 0, count);
                }
                body = out.toByteArray();
            }
            return new Fetched(response.status(), response.header("Content-Type").orElse(""),
                    response.header("Location"), response.retryAfter(), body, truncated);
        }
    }

    private static long length(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException notALength) {
            return -1;      // the client has refused a bad length already; stream to be sure
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "HttpFetcher[" + userAgent + ", " + client + "]";
    }
}
