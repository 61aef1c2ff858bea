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
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request as a handler sees it: its method, target, decoded path and query, header fields
 * and a body that streams from the connection as the handler reads it.
 *
 * {@snippet :
 * (request, response) -> {
 *     long id = request.pathParamLong("id");
 *     int limit = request.queryParam("limit").map(Integer::parseInt).orElse(10);
 *     String body = request.bodyAsString();
 *     ...
 * }
 * }
 *
 * <p><b>The body</b> is read on demand: {@link #inputStream()}, {@link #read}, or whole with
 * {@link #bodyAsBytes()} and {@link #bodyAsString()} (up to the server's
 * {@link HttpServerOptions#maxBodySize()} or a smaller limit). A client that sent
 * {@code Expect: 100-continue} gets its {@code 100 Continue} only when the handler first reads,
 * so a handler that refuses the request never makes it send the body. Whatever the handler
 * leaves unread is skipped (up to 64 KiB; past that the connection closes) before the next
 * request.
 *
 * <p><b>Threads:</b> a request belongs to the task running its handler.
 */
public final class Request {
    private static final int DRAIN_LIMIT = 64 * 1024;

    private final RequestHead head;
    private final BodyReader body;
    private final InetSocketAddress remote;
    private final long maxBodySize;
    private final String rawPath;
    private final String rawQuery;
    private final List<String> segments;
    private final String path;
    private final Map<String, String> pathParams = new LinkedHashMap<>(4);
    private Map<String, List<String>> query;
    private String routePattern;

    Request(RequestHead head, BodyReader body, InetSocketAddress remote, long maxBodySize)
            throws BadMessageException {
        this.head = head;
        this.body = body;
        this.remote = remote;
        this.maxBodySize = maxBodySize;
        String origin = originForm(head.target, head.method);
        int mark = origin.indexOf('?');
        this.rawPath = mark < 0 ? origin : origin.substring(0, mark);
        this.rawQuery = mark < 0 ? "" : origin.substring(mark + 1);
        this.segments = decodeSegments(rawPath);
        this.path = rawPath.indexOf('%') < 0 ? rawPath : "/" + String.join("/", segments);
        head.headers.freeze();
    }

    /** Returns the method, such as {@code GET}. */
    public String method() {
        return head.method;
    }

    /** Returns the request target as sent: {@code /items?limit=5}. */
    public String target() {
        return head.target;
    }

    /** Returns the protocol version: {@code HTTP/1.1} or {@code HTTP/1.0}. */
    public String version() {
        return head.minorVersion == 0 ? "HTTP/1.0" : "HTTP/1.1";
    }

    /** Returns the path, percent-decoded as UTF-8: {@code /files/a b.txt}. */
    public String path() {
        return path;
    }

    /** Returns the path as sent, without the query: {@code /files/a%20b.txt}. */
    public String rawPath() {
        return rawPath;
    }

    /**
     * Returns the path's segments, each percent-decoded on its own, so an encoded slash
     * ({@code %2F}) stays inside its segment: {@code /a/b%2Fc} is {@code [a, b/c]}.
     */
    public List<String> pathSegments() {
        return segments;
    }

    /** Returns the query as sent, without the {@code ?}; empty if there is none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Returns the first value of query parameter {@code name}, decoded. */
    public Optional<String> queryParam(String name) {
        List<String> values = queryParams().get(name);
        return values == null ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Returns every value of query parameter {@code name}, decoded; empty if none. */
    public List<String> queryParams(String name) {
        return queryParams().getOrDefault(name, List.of());
    }

    /**
     * Returns the query parameters, decoded as a form is ({@code +} is a space), in order.
     *
     * @throws HttpException (400) if the query has a malformed percent-escape
     */
    public Map<String, List<String>> queryParams() {
        if (query == null) {
            query = parseQuery(rawQuery);
        }
        return query;
    }

    /**
     * Returns the path parameter {@code name} of the route's pattern, decoded.
     *
     * @throws NoSuchElementException if the route's pattern has no such parameter
     */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new NoSuchElementException("the route " + (routePattern == null ? "(none)"
                    : routePattern) + " has no path parameter \"" + name + "\"; it has "
                    + pathParams.keySet());
        }
        return value;
    }

    /**
     * Returns the path parameter {@code name} as an int.
     *
     * @throws HttpException (400) if it is not one; declare it {@code {name:int}} to make
     *     other values a 404 instead
     */
    public int pathParamInt(String name) {
        String value = pathParam(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException notInt) {
            throw new HttpException(400, "the path parameter " + name + " is \"" + value
                    + "\", not an integer");
        }
    }

    /**
     * Returns the path parameter {@code name} as a long.
     *
     * @throws HttpException (400) if it is not one
     */
    public long pathParamLong(String name) {
        String value = pathParam(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notLong) {
            throw new HttpException(400, "the path parameter " + name + " is \"" + value
                    + "\", not an integer");
        }
    }

    /** Returns the path parameters of the route's pattern. */
    public Map<String, String> pathParams() {
        return Collections.unmodifiableMap(pathParams);
    }

    /** Returns the pattern of the route that answers, or null if none does (404, 405). */
    public String routePattern() {
        return routePattern;
    }

    /** Returns the header fields; they cannot be changed. */
    public HttpHeaders headers() {
        return head.headers;
    }

    /** Returns the first value of header field {@code name}. */
    public Optional<String> header(String name) {
        return head.headers.first(name);
    }

    /** Returns the body's length if the client declared it ({@code Content-Length}). */
    public OptionalLong contentLength() {
        return head.headers.contains("Content-Length") ? OptionalLong.of(Framing.parseLengthOr(
                head.headers.get("Content-Length"))) : OptionalLong.empty();
    }

    /** Returns the client's address. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /**
     * Reads up to {@code length} bytes of the body, parking until some arrive. This is a
     * cancellation point.
     *
     * @return how many bytes, or -1 at the end of the body
     * @throws BadMessageException if the body is malformed or over the limit; the server then
     *     answers it (400, 413) unless the handler has answered already
     */
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return body.read(buffer, offset, length);
    }

    /** Returns the body as a stream; see {@link #read}. */
    public InputStream inputStream() {
        return body.stream();
    }

    /** Returns the whole body, at most {@link HttpServerOptions#maxBodySize()} bytes. */
    public byte[] bodyAsBytes() throws IOException {
        return body.readAll((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize));
    }

    /**
     * Returns the whole body, at most {@code limit} bytes.
     *
     * @throws BadMessageException (413) if it holds more
     */
    public byte[] bodyAsBytes(int limit) throws IOException {
        return body.readAll(limit);
    }

    /** Returns the whole body as text in its declared charset (UTF-8 if none). */
    public String bodyAsString() throws IOException {
        return new String(bodyAsBytes(), charset());
    }

    /** Returns the whole body as text, at most {@code limit} bytes; see {@link #bodyAsBytes(int)}. */
    public String bodyAsString(int limit) throws IOException {
        return new String(bodyAsBytes(limit), charset());
    }

    /**
     * Returns the trailer fields of a chunked body, once it has been read to its end; empty
     * before that and for other bodies.
     */
    public HttpHeaders trailers() {
        return body.trailers();
    }

    @Override
    public String toString() {
        return head.method + " " + head.target;
    }

    // ---- for the connection --------------------------------------------------------------------

    RequestHead head() {
        return head;
    }

    BodyReader body() {
        return body;
    }

    String routingPath() {
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        for (String segment : segments) {
            if (segment.indexOf('/') >= 0) {
                return null;     // an encoded slash: only patterns may match it
            }
        }
        return path;
    }

    void route(String pattern, Map<String, String> params) {
        this.routePattern = pattern;
        this.pathParams.putAll(params);
    }

    /** Skips what the handler left of the body; returns whether the connection can go on. */
    boolean drain() throws IOException {
        return body.finished() || body.discard(DRAIN_LIMIT);
    }

    private Charset charset() {
        String type = head.headers.get("Content-Type");
        if (type != null) {
            int at = type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                String name = type.substring(at + 8).split(";")[0].strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException unknown) {
                    throw new HttpException(415, "the body's charset \"" + name
                            + "\" is not known");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The origin form of a target: itself, or the path and query of an absolute form. */
    private static String originForm(String target, String method) throws BadMessageException {
        if (target.charAt(0) == '/') {
            return target;
        }
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw new BadMessageException(400, "the target * is for OPTIONS only");
            }
            return "*";
        }
        String lower = target.toLowerCase(java.util.Locale.ROOT);
        int schemeEnd = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
        if (schemeEnd < 0) {
            if (method.equals("CONNECT")) {
                throw new BadMessageException(501, "CONNECT is not supported by this server");
            }
            throw new BadMessageException(400, "the target \"" + target + "\" is neither a "
                    + "path (/...) nor an absolute http URL");
        }
        int slash = target.indexOf('/', schemeEnd);
        int question = target.indexOf('?', schemeEnd);
        int pathStart = slash < 0 ? question : question < 0 ? slash : Math.min(slash, question);
        if (pathStart == schemeEnd) {
            throw new BadMessageException(400, "the target \"" + target + "\" has no host");
        }
        if (pathStart < 0) {
            return "/";
        }
        String rest = target.substring(pathStart);
        return rest.charAt(0) == '?' ? "/" + rest : rest;
    }

    private static List<String> decodeSegments(String rawPath) throws BadMessageException {
        if (rawPath.equals("*")) {
            return List.of("*");
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        List<String> decoded = new ArrayList<>(parts.length);
        for (String part : parts) {
            decoded.add(part.indexOf('%') < 0 ? part : PercentDecoding.decode(part, false));
        }
        return List.copyOf(decoded);
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return params;
        }
        try {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = PercentDecoding.decode(equals < 0 ? pair : pair.substring(0, equals),
                        true);
                String value = equals < 0 ? "" : PercentDecoding.decode(pair.substring(equals + 1),
                        true);
                params.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
            }
        } catch (BadMessageException malformed) {
            throw new HttpException(400, malformed.getMessage());
        }
        params.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(params);
    }
}
