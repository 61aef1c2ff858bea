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

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP response as the crawler needs it.
 *
 * @param status the status code
 * @param contentType the {@code Content-Type} value, or empty
 * @param location the {@code Location} value of a redirect, or empty
 * @param retryAfter the wait a {@code Retry-After} asked for, seconds or an HTTP-date, or empty
 * @param body the body, up to the fetch's limit
 * @param truncated whether the body was longer than the limit and was cut
 */
public record Fetched(int status, String contentType, Optional<String> location,
        Optional<Duration> retryAfter, byte[] body, boolean truncated) {
    /** Checks the parts. */
    public Fetched {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(body, "body");
    }

    /** Whether the body is HTML, the only kind the crawler parses. */
    public boolean isHtml() {
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("text/html") || type.startsWith("application/xhtml+xml");
    }

    /** Whether the status is a redirect that names where to go. */
    public boolean isRedirect() {
        return (status == 301 || status == 302 || status == 303 || status == 307
                || status == 308) && location.isPresent();
    }
}
