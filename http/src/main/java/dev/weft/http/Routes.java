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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a server answers: handlers by method and path pattern, filters around them and error
 * handlers for what they throw. Built once, then shared by every connection.
 *
 * {@snippet :
 * Routes routes = Routes.builder()
 *         .get("/", (request, response) -> response.send("hello"))
 *         .get("/items/{id:long}", (request, response) ->
 *                 response.send(store.get(request.pathParamLong("id"))))
 *         .post("/items", (request, response) -> store.add(request.bodyAsString()))
 *         .get("/files/{path...}", files::serve)
 *         .filter(logging)
 *         .build();
 * }
 *
 * <p><b>Patterns:</b> a pattern is a path whose segments are literal or a parameter:
 * {@code {name}} matches any one segment, {@code {name:int}}, {@code {name:long}} and
 * {@code {name:uuid}} only segments of that type (so {@code /items/abc} is a 404 for
 * {@code /items/{id:long}}, not a 500), and {@code {name...}} as the last segment matches the
 * rest of the path. Segments are compared after percent-decoding, so a parameter never holds
 * an encoded slash's meaning. A literal route wins over a parameter route at the same place.
 *
 * <p><b>What else answers:</b> a {@code HEAD} request without a route of its own runs the
 * {@code GET} handler and sends no body; an {@code OPTIONS} request without one answers 204
 * with {@code Allow}; a path no route matches is a 404 that names the routes there are, and a
 * method no route of the path has is a 405 with {@code Allow}.
 */
public final class Routes {
    private final Map<String, Map<String, Handler>> literal;   // path -> method -> handler
    private final List<Route> patterns;
    private final List<Filter> filters;
    private final Map<Class<? extends Throwable>, ErrorHandler<? extends Throwable>> errors;
    private final List<String> described;

    private Routes(Builder builder) {
        this.literal = new HashMap<>();
        this.patterns = new ArrayList<>();
        for (Route route : builder.routes) {
            if (route.isLiteral()) {
                literal.computeIfAbsent(route.pattern(), path -> new LinkedHashMap<>())
                        .put(route.method(), route.handler());
            } else {
                patterns.add(route);
            }
        }
        this.filters = List.copyOf(builder.filters);
        this.errors = new LinkedHashMap<>(builder.errors);
        this.described = builder.routes.stream().map(Route::toString).toList();
    }

    /** Starts a set of routes. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the routes as {@code METHOD pattern} strings, in the order they were added. */
    public List<String> describe() {
        return described;
    }

    List<Filter> filters() {
        return filters;
    }

    /**
     * Finds what answers {@code method} on the percent-decoded {@code segments}; fills
     * {@code params} with the pattern's parameters.
     */
    Match match(String method, String path, List<String> segments, Map<String, String> params) {
        Map<String, Handler> byMethod = literal.get(path);
        Set<String> allowed = new TreeSet<>();
        if (byMethod != null) {
            Match found = pick(method, byMethod, path, allowed);
            if (found != null) {
                return found;
            }
        }
        Route headFallback = null;
        Map<String, String> headParams = null;
        String firstPattern = null;
        for (Route route : patterns) {
            Map<String, String> captured = new HashMap<>();
            if (!route.matches(segments, captured)) {
                continue;
            }
            if (route.method().equals(method)) {
                params.putAll(captured);
                return new Match(route.handler(), route.pattern(), null, false);
            }
            if (headFallback == null && method.equals("HEAD") && route.method().equals("GET")) {
                headFallback = route;
                headParams = captured;
            }
            if (firstPattern == null) {
                firstPattern = route.pattern();
            }
            allowed.add(route.method());
        }
        if (headFallback != null) {
            params.putAll(headParams);
            return new Match(headFallback.handler(), headFallback.pattern(), null, false);
        }
        String pattern = byMethod != null ? path : firstPattern;
        if (allowed.isEmpty()) {
            return new Match(null, null, null, true);
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        return new Match(null, pattern == null ? path : pattern, Set.copyOf(allowed), false);
    }

    private static Match pick(String method, Map<String, Handler> byMethod, String path,
            Set<String> allowed) {
        Handler handler = byMethod.get(method);
        if (handler == null && method.equals("HEAD")) {
            handler = byMethod.get("GET");
        }
        if (handler != null) {
            return new Match(handler, path, null, false);
        }
        allowed.addAll(byMethod.keySet());
        return null;
    }

    /** Answers a request no route takes: 404, or 405 or an automatic OPTIONS. */
    void answerUnrouted(Request request, Response response, Match match) {
        if (match.notFound()) {
            String listed = described.size() <= 20 ? String.join(", ", described)
                    : String.join(", ", described.subList(0, 20)) + ", and "
                            + (described.size() - 20) + " more";
            response.status(404).send("no route matches " + request.method() + " "
                    + request.rawPath() + (described.isEmpty() ? "; this server has no routes"
                            : "; the routes are: " + listed) + "\n");
            return;
        }
        String allow = String.join(", ", new TreeSet<>(match.allowed()));
        response.header("Allow", allow);
        if (request.method().equals("OPTIONS")) {
            response.status(204).send();
            return;
        }
        response.status(405).send(request.method() + " is not allowed on " + match.pattern()
                + "; allowed: " + allow + "\n");
    }

    /** The error handler registered for {@code error}'s class or its nearest superclass. */
    @SuppressWarnings("unchecked")
    ErrorHandler<Throwable> errorHandler(Throwable error) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            ErrorHandler<? extends Throwable> handler = errors.get(type);
            if (handler != null) {
                return (ErrorHandler<Throwable>) handler;
            }
        }
        return null;
    }

    /**
     * What answers a request: a handler and its pattern, or the methods the path allows, or
     * nothing at all.
     */
    record Match(Handler handler, String pattern, Set<String> allowed, boolean notFound) {
    }

    /** Collects routes, filters and error handlers; see {@link Routes}. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();
        private final List<Filter> filters = new ArrayList<>();
        private final Map<Class<? extends Throwable>, ErrorHandler<? extends Throwable>> errors =
                new LinkedHashMap<>();

        private Builder() {
        }

        /** Answers {@code GET} (and so {@code HEAD}) on {@code pattern}. */
        public Builder get(String pattern, Handler handler) {
            return route("GET", pattern, handler);
        }

        /** Answers {@code POST} on {@code pattern}. */
        public Builder post(String pattern, Handler handler) {
            return route("POST", pattern, handler);
        }

        /** Answers {@code PUT} on {@code pattern}. */
        public Builder put(String pattern, Handler handler) {
            return route("PUT", pattern, handler);
        }

        /** Answers {@code DELETE} on {@code pattern}. */
        public Builder delete(String pattern, Handler handler) {
            return route("DELETE", pattern, handler);
        }

        /** Answers {@code PATCH} on {@code pattern}. */
        public Builder patch(String pattern, Handler handler) {
            return route("PATCH", pattern, handler);
        }

        /** Answers {@code HEAD} on {@code pattern}, in place of the {@code GET} handler. */
        public Builder head(String pattern, Handler handler) {
            return route("HEAD", pattern, handler);
        }

        /** Answers {@code OPTIONS} on {@code pattern}, in place of the automatic answer. */
        public Builder options(String pattern, Handler handler) {
            return route("OPTIONS", pattern, handler);
        }

        /**
         * Answers {@code method} on {@code pattern}.
         *
         * @throws IllegalArgumentException if the method is not a token, the pattern is
         *     malformed, or the method already has a route of the same pattern
         */
        public Builder route(String method, String pattern, Handler handler) {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(handler, "handler");
            if (!Syntax.isToken(method)) {
                throw new IllegalArgumentException("\"" + method + "\" is not a method name");
            }
            Route route = Route.parse(method, pattern, handler);
            for (Route existing : routes) {
                if (existing.method().equals(method) && existing.shape().equals(route.shape())) {
                    throw new IllegalArgumentException(method + " " + pattern + " has a route "
                            + "already (" + existing + ")");
                }
            }
            routes.add(route);
            return this;
        }

        /** Runs {@code filter} around every handler, after the filters added before it. */
        public Builder filter(Filter filter) {
            filters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /**
         * Runs {@code before} ahead of every handler; if it sends a response, the handler does
         * not run (for authentication, rate limits).
         */
        public Builder before(Handler before) {
            Objects.requireNonNull(before, "before");
            return filter((request, response, chain) -> {
                before.handle(request, response);
                if (!response.isCommitted()) {
                    chain.proceed();
                }
            });
        }

        /**
         * Runs {@code after} once each handler has returned or failed, whether or not the
         * response is sent (for logging, metrics).
         */
        public Builder after(Handler after) {
            Objects.requireNonNull(after, "after");
            return filter((request, response, chain) -> {
                try {
                    chain.proceed();
                } finally {
                    after.handle(request, response);
                }
            });
        }

        /** Answers what handlers throw of {@code type} (or a subclass) with {@code handler}. */
        public <T extends Throwable> Builder error(Class<T> type, ErrorHandler<? super T> handler) {
            errors.put(Objects.requireNonNull(type, "type"),
                    Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** The routes. */
        public Routes build() {
            return new Routes(this);
        }
    }
}
