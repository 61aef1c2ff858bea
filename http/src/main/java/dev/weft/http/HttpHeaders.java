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
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The header fields of a request or a response: names compared without regard to case, each
 * name with one or more values, in the order they came or were added.
 *
 * {@snippet :
 * Optional<String> type = request.headers().first("content-type");
 * List<String> cookies = request.headers().all("Cookie");
 * }
 *
 * <p>A message has a handful of fields, so they are kept as a flat list of pairs and looked up
 * by a scan: cheaper than a map for ten fields, and it keeps the order.
 *
 * <p><b>Threads:</b> not thread-safe; a message belongs to the task serving it.
 */
public final class HttpHeaders {
    private String[] pairs;     // name, value, name, value...
    private int size;           // fields, not array slots
    private boolean readOnly;

    /** An empty, modifiable set of fields. */
    public HttpHeaders() {
        this.pairs = new String[16];
    }

    /** Returns how many fields there are (a name with two values counts twice). */
    public int size() {
        return size;
    }

    /** Returns whether there is no field. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Returns the first value of {@code name}, if there is one. */
    public Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    /** Returns the first value of {@code name}, or null: {@link #first} without the wrapper. */
    public String get(String name) {
        int index = indexOf(name, 0);
        return index < 0 ? null : pairs[index + 1];
    }

    /** Returns every value of {@code name}, in order; empty if there is none. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 2)) {
            values.add(pairs[i + 1]);
        }
        return values;
    }

    /** Returns whether a field named {@code name} is present. */
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /** Returns how many fields are named {@code name}. */
    public int count(String name) {
        int count = 0;
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 2)) {
            count++;
        }
        return count;
    }

    /**
     * Returns whether a comma-separated field such as {@code Connection} lists {@code token},
     * without regard to case, in any of its values.
     */
    public boolean hasToken(String name, String token) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 2)) {
            for (String part : pairs[i + 1].split(",")) {
                if (part.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns the distinct names, each as first spelled, in order. */
    public Set<String> names() {
        Set<String> lower = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < size * 2; i += 2) {
            if (lower.add(pairs[i].toLowerCase(java.util.Locale.ROOT))) {
                names.add(pairs[i]);
            }
        }
        return names;
    }

    /** Calls {@code action} with each field's name and value, in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size * 2; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    /**
     * Adds a field after those present.
     *
     * @throws IllegalArgumentException if the name is not an HTTP token or the value holds a
     *     line break or another control character, which would let the value end the field
     * @throws UnsupportedOperationException if these are a request's fields
     */
    public HttpHeaders add(String name, String value) {
        checkWritable();
        checkField(name, value);
        append(name, value);
        return this;
    }

    /** Replaces every field named {@code name} with one of {@code value}; see {@link #add}. */
    public HttpHeaders set(String name, String value) {
        checkWritable();
        checkField(name, value);
        int index = indexOf(name, 0);
        if (index < 0) {
            append(name, value);
            return this;
        }
        pairs[index + 1] = value;
        removeFrom(name, index + 2);
        return this;
    }

    /** Removes every field named {@code name}; returns whether there was one. */
    public boolean remove(String name) {
        checkWritable();
        int index = indexOf(name, 0);
        if (index < 0) {
            return false;
        }
        removeFrom(name, index);
        return true;
    }

    /** Returns the fields as {@code Name: value} lines, for logs and messages. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.toString();
    }

    // ---- for the parser and the writer ---------------------------------------------------------

    /** Adds a field the parser has already checked. */
    void append(String name, String value) {
        if (size * 2 == pairs.length) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[size * 2] = name;
        pairs[size * 2 + 1] = value;
        size++;
    }

    /** The name of field {@code index}. */
    String nameAt(int index) {
        return pairs[index * 2];
    }

    /** The value of field {@code index}. */
    String valueAt(int index) {
        return pairs[index * 2 + 1];
    }

    /** Makes the fields read-only: a request's fields are what the client sent. */
    HttpHeaders freeze() {
        readOnly = true;
        return this;
    }

    /** Empties the fields for another message, keeping the array. */
    void clear() {
        Arrays.fill(pairs, 0, size * 2, null);
        size = 0;
        readOnly = false;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new UnsupportedOperationException("these fields are what the peer sent and "
                    + "cannot change; copy them into a new HttpHeaders to edit them");
        }
    }

    private static void checkField(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a field name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Syntax.isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("field name \"" + name + "\" holds "
                        + Syntax.describe(name.charAt(i)) + ", which an HTTP token cannot hold");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("the value of field \"" + name + "\" holds "
                        + Syntax.describe(c) + "; a field value may hold visible characters, "
                        + "spaces and tabs only (percent-encode or drop the rest)");
            }
        }
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < size * 2; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private void removeFrom(String name, int from) {
        int write = from;
        for (int read = from; read < size * 2; read += 2) {
            if (!pairs[read].equalsIgnoreCase(name)) {
                pairs[write] = pairs[read];
                pairs[write + 1] = pairs[read + 1];
                write += 2;
            }
        }
        Arrays.fill(pairs, write, size * 2, null);
        size = write / 2;
    }
}
