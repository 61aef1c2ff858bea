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

import java.io.IOException;
import java.net.URI;

/**
 * How the crawler gets one URL: a single HTTP GET, redirects not followed (the crawler follows
 * them itself, within its scope), the body cut at a limit. The crawler puts its timeout, its
 * politeness and its retries around each call.
 *
 * <p>{@link HttpFetcher} fetches over the network with Weft's HTTP client; a test may answer
 * from memory so that the crawl runs on the virtual clock.
 */
public interface Fetcher extends AutoCloseable {
    /**
     * Fetches {@code uri} once.
     *
     * @param maxBytes the most body bytes to read; a longer body is cut and marked truncated
     * @throws IOException if the connection failed or the response was malformed
     */
    Fetched fetch(URI uri, int maxBytes) throws IOException;

    /** Releases the fetcher's connections; the default does nothing. */
    @Override
    default void close() {}
}
