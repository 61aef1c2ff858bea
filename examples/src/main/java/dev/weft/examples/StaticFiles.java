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
package dev.weft.examples;

import dev.weft.http.Handler;
import dev.weft.http.HttpException;
import dev.weft.http.Request;
import dev.weft.http.Response;
import dev.weft.process.TaskFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the files under one directory, safely, as a file server should: nothing outside the
 * root is reachable (not through {@code ..}, percent-encoded dots or slashes, backslashes, NUL
 * or symbolic links), each file has a strong {@code ETag} answered with 304 on
 * {@code If-None-Match}, and a single byte range is served as 206 (416 when unsatisfiable).
 * Route it as {@code /static/{path...}}; the file is read on the worker pool, so the loop never
 * waits on the disk.
 */
final class StaticFiles implements Handler {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "txt", "text/plain; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "json", "application/json", "png", "image/png", "jpg", "image/jpeg",
            "svg", "image/svg+xml");

    private final Path root;

    /** Files under {@code root}, which must be a directory. */
    StaticFiles(Path root) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException(root + " is not a directory to serve");
        }
    }

    @Override
    public void handle(Request request, Response response) throws IOException {
        Path file = resolve(request.pathSegments());
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String tag = "\"" + Long.toHexString(attributes.size()) + "-"
                + Long.toHexString(attributes.lastModifiedTime().toMillis()) + "\"";
        response.header("ETag", tag).header("Accept-Ranges", "bytes")
                .contentType(type(file));
        String noneMatch = request.header("If-None-Match").orElse(null);
        if (noneMatch != null && (noneMatch.equals("*") || List.of(noneMatch.split(","))
                .stream().map(String::strip).anyMatch(tag::equals))) {
            response.status(304).send();
            return;
        }
        byte[] content = TaskFiles.readAllBytes(file);
        String range = request.header("Range").orElse(null);
        if (range == null) {
            response.send(content);
            return;
        }
        long[] span = span(range, content.length);
        if (span == null) {
            response.send(content);            // a form this server does not serve: all of it
        } else if (span.length == 0) {
            response.status(416).header("Content-Range", "bytes */" + content.length).send();
        } else {
            response.status(206).header("Content-Range", "bytes " + span[0] + "-" + span[1]
                    + "/" + content.length);
            response.send(content, (int) span[0], (int) (span[1] - span[0] + 1));
        }
    }

    /** The file the decoded segments name, or a 404 for anything that could leave the root. */
    private Path resolve(List<String> segments) throws IOException {
        // the route is /static/{path...}: the segments after "static" name the file
        List<String> names = segments.subList(1, segments.size());
        Path file = root;
        for (String name : names) {
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
                    || name.contains("\\") || name.indexOf('\0') >= 0 || name.contains(":")) {
                throw new HttpException(404, "no such file");
            }
            file = file.resolve(name);
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new HttpException(404, "no such file");
            }
            return real;
        } catch (NoSuchFileException missing) {
            throw new HttpException(404, "no such file");
        }
    }

    /**
     * The first and last byte of a single {@code bytes=} range; an empty array when it cannot
     * be satisfied; null for a form not served (several ranges, other units).
     */
    static long[] span(String range, long size) {
        String value = range.strip();
        if (!value.startsWith("bytes=") || value.contains(",")) {
            return null;
        }
        String spec = value.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String from = spec.substring(0, dash).strip();
            String to = spec.substring(dash + 1).strip();
            long first;
            long last;
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix <= 0) {
                    return new long[0];
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(from);
                last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            }
            if (first < 0 || first >= size || last < first) {
                return new long[0];
            }
            return new long[] {first, last};
        } catch (NumberFormatException malformed) {
            return null;
        }
    }

    private static String type(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "application/octet-stream" : TYPES.getOrDefault(
                name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }
}
