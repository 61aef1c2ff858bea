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

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * One spelling per page, so that the visited set sees a page once: {@code http} and
 * {@code https} only, the scheme and host in lower case, the default port dropped, an empty path
 * made {@code /}, dot segments and empty segments removed, non-ASCII characters percent-encoded
 * in UTF-8, the fragment dropped. The query is kept as written:
 * reordering it could merge pages a site tells apart.
 */
public final class UrlNormalizer {
    private UrlNormalizer() {}

    /**
     * Resolves {@code link} against {@code base} and normalizes it.
     *
     * @return the URL, or empty if the link is not a crawlable http(s) URL (a {@code mailto:},
     *     {@code javascript:} or malformed link)
     */
    public static Optional<URI> resolve(URI base, String link) {
        String text = link.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return Optional.empty();
        }
        try {
            if (text.startsWith("?")) {
                // RFC 3986 keeps the base's path for a query-only reference; URI.resolve, which
                // follows RFC 2396, drops its last segment.
                return normalize(new URI(base.getScheme() + "://" + base.getRawAuthority()
                        + base.getRawPath() + escapeSpaces(text)));
            }
            return normalize(base.resolve(new URI(escapeSpaces(text))));
        } catch (URISyntaxException | IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Normalizes an absolute URL.
     *
     * @return the URL, or empty if it is not an absolute http(s) URL with a host
     */
    public static Optional<URI> normalize(URI uri) {
        if (!isAscii(uri.toString())) {
            // Sent as it is, a raw non-ASCII character would reach the wire as one byte per
            // char, and /café and /caf%C3%A9 would be two pages: both become the second.
            uri = URI.create(uri.toASCIIString());
        }
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null) {
            return Optional.empty();
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        int port = uri.getPort();
        if (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")) {
            port = -1;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/"
                : uri.getRawPath();
        if (scheme.equals(uri.getScheme()) && port == uri.getPort()
                && uri.getRawFragment() == null && path.equals(uri.getRawPath())
                && !hasDotSegment(path) && isLowerCase(uri.getHost())) {
            return Optional.of(uri);    // already in its one spelling, as most links are
        }
        try {
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            String authority = (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
                    + host + (port == -1 ? "" : ":" + port);
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            URI clean = new URI(scheme + "://" + authority + path + query).normalize();
            String normalPath = clean.getRawPath();
            while (normalPath.startsWith("/../")) {     // more ".." than segments: stay at root
                normalPath = normalPath.substring(3);
            }
            if (normalPath.equals("/..")) {
                normalPath = "/";
            }
            return Optional.of(new URI(scheme + "://" + authority + normalPath + query));
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
    }

    /** The host and port a politeness policy applies to: {@code host} or {@code host:port}. */
    public static String hostKey(URI uri) {
        return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** Whether {@code URI.normalize} would change the path: dot segments, or "//". */
    private static boolean hasDotSegment(String path) {
        return path.contains("/./") || path.contains("/../") || path.endsWith("/.")
                || path.endsWith("/..") || path.contains("//");
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerCase(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }

    private static String escapeSpaces(String link) {
        return link.indexOf(' ') < 0 ? link : link.replace(" ", "%20");
    }
}
