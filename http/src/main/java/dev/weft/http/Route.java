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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** One route: a method, a parsed path pattern and its handler. */
record Route(String method, String pattern, List<Segment> segments, Handler handler) {
    private static final Pattern PARAMETER =
            Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::(int|long|uuid)|(\\.\\.\\.))?}");

    /** The kinds of segment a pattern has. */
    enum Kind { LITERAL, STRING, INT, LONG, UUID, REST }

    /** A segment of a pattern: literal text, or a parameter of a type. */
    record Segment(Kind kind, String text) {
        boolean accepts(String value) {
            return switch (kind) {
                case LITERAL -> text.equals(value);
                case STRING, REST -> true;
                case INT -> isInteger(value, 10);
                case LONG -> isInteger(value, 19);
                case UUID -> isUuid(value);
            };
        }
    }

    static Route parse(String method, String pattern, Handler handler) {
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("the pattern \"" + pattern + "\" must start "
                    + "with '/'");
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] parts = pattern.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (!part.contains("{") && !part.contains("}")) {
                segments.add(new Segment(Kind.LITERAL, part));
                continue;
            }
            var matcher = PARAMETER.matcher(part);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("the segment \"" + part + "\" of \""
                        + pattern + "\" is neither literal nor a whole parameter such as {id}, "
                        + "{id:int}, {id:long}, {id:uuid} or {rest...}");
            }
            String name = matcher.group(1);
            if (!names.add(name)) {
                throw new IllegalArgumentException("the pattern \"" + pattern + "\" names the "
                        + "parameter \"" + name + "\" twice");
            }
            Kind kind;
            if (matcher.group(3) != null) {
                if (i != parts.length - 1) {
                    throw new IllegalArgumentException("{" + name + "...} matches the rest of "
                            + "the path, so it must be the last segment of \"" + pattern + "\"");
                }
                kind = Kind.REST;
            } else if (matcher.group(2) == null) {
                kind = Kind.STRING;
            } else {
                kind = switch (matcher.group(2)) {
                    case "int" -> Kind.INT;
                    case "long" -> Kind.LONG;
                    default -> Kind.UUID;
                };
            }
            segments.add(new Segment(kind, name));
        }
        return new Route(method, pattern, List.copyOf(segments), handler);
    }

    boolean isLiteral() {
        return segments.stream().allMatch(segment -> segment.kind() == Kind.LITERAL);
    }

    /** The pattern with its parameter names dropped: two routes of one shape collide. */
    String shape() {
        StringBuilder shape = new StringBuilder();
        for (Segment segment : segments) {
            shape.append('/').append(segment.kind() == Kind.LITERAL ? segment.text()
                    : "{" + segment.kind() + "}");
        }
        return shape.toString();
    }

    /** Whether the decoded {@code path} segments match; puts the parameters in captured. */
    boolean matches(List<String> path, Map<String, String> captured) {
        int count = segments.size();
        boolean rest = segments.get(count - 1).kind() == Kind.REST;
        if (rest ? path.size() < count : path.size() != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            Segment segment = segments.get(i);
            if (segment.kind() == Kind.REST) {
                captured.put(segment.text(), String.join("/", path.subList(i, path.size())));
                return true;
            }
            String value = path.get(i);
            if (!segment.accepts(value)) {
                return false;
            }
            if (segment.kind() != Kind.LITERAL) {
                captured.put(segment.text(), value);
            }
        }
        return true;
    }

    private static boolean isInteger(String value, int maxDigits) {
        int start = value.startsWith("-") ? 1 : 0;
        if (value.length() == start || value.length() - start > maxDigits) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        try {
            if (maxDigits == 10) {
                Integer.parseInt(value);
            } else {
                Long.parseLong(value);
            }
            return true;
        } catch (NumberFormatException overflow) {
            return false;
        }
    }

    private static boolean isUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    @Override
    public String toString() {
        return method + " " + pattern;
    }
}
