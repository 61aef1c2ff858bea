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

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads one message's body from its connection's {@link InputBuffer}: a fixed length, chunks
 * (RFC 9112 section 7.1, strictly: hex digits only, no sign, no {@code 0x}, no overflow,
 * CRLF after each chunk) or everything up to the end of the stream. It never reads past the
 * body, so what follows is the next message; and it refuses a body larger than its limit with
 * a 413 as soon as the size is known.
 */
final class BodyReader {
    private static final int MAX_CHUNK_LINE = 4096;

    private final InputBuffer in;
    private final HeadParser trailerParser;
    private final Framing framing;
    private final long limit;
    private final Runnable beforeFirstRead;   // sends 100 Continue, when asked for
    private final HttpHeaders trailers = new HttpHeaders();
    private boolean started;
    private boolean finished;
    private long remaining;         // of the fixed body, or of the current chunk
    private long received;

    BodyReader(InputBuffer in, HeadParser trailerParser, Framing framing, long limit,
            Runnable beforeFirstRead) throws BadMessageException {
        this.in = in;
        this.trailerParser = trailerParser;
        this.framing = framing;
        this.limit = limit;
        this.beforeFirstRead = beforeFirstRead;
        if (!framing.chunked() && framing.length() > limit) {
            throw new BadMessageException(413, "the body is " + framing.length()
                    + " bytes, over the limit of " + limit);
        }
        this.remaining = framing.chunked() ? 0 : framing.length();
        this.finished = framing.isEmpty();
    }

    /** Whether the whole body has been read (and the trailers, for chunks). */
    boolean finished() {
        return finished;
    }

    /** Whether any of the body has been asked for. */
    boolean started() {
        return started;
    }

    /** The trailers, once a chunked body has been read to its end; empty otherwise. */
    HttpHeaders trailers() {
        return trailers;
    }

    /**
     * Reads at most {@code length} bytes of the body. This is a cancellation point.
     *
     * @return how many, or -1 at the end of the body
     * @throws BadMessageException if the body breaks the framing or goes over the limit
     * @throws EOFException if the stream ends inside the body
     */
    int read(byte[] target, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, target.length);
        if (!started) {
            started = true;
            if (beforeFirstRead != null && !finished) {
                beforeFirstRead.run();
            }
        }
        if (finished) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        if (framing.chunked()) {
            if (remaining == 0 && !nextChunk()) {
                return -1;
            }
        } else if (framing.length() < 0) {
            int count = in.read(target, offset, length);
            if (count < 0) {
                finished = true;
                return -1;
            }
            return count(count);
        }
        int count = in.read(target, offset, (int) Math.min(length, remaining));
        if (count < 0) {
            throw new EOFException("the peer ended its stream " + remaining + " bytes before "
                    + (framing.chunked() ? "the end of a chunk" : "the end of the body"));
        }
        remaining -= count;
        if (remaining == 0 && framing.chunked()) {
            expectCrlf("after a chunk's data");
        } else if (remaining == 0) {
            finished = true;
        }
        return count(count);
    }

    private int count(int count) throws BadMessageException {
        received += count;
        if (received > limit) {
            throw new BadMessageException(413, "the body is over the limit of " + limit
                    + " bytes");
        }
        return count;
    }

    /**
     * Reads all that is left of the body, at most {@code max} bytes.
     *
     * @throws BadMessageException (413) if the body holds more
     */
    byte[] readAll(int max) throws IOException {
        byte[] all = new byte[(int) Math.min(max, framing.chunked() || framing.length() < 0
                ? 8192 : Math.max(0, framing.length() - received))];
        int size = 0;
        while (true) {
            if (size == all.length) {
                if (size >= max) {
                    if (read(new byte[1], 0, 1) < 0) {
                        return all;
                    }
                    throw new BadMessageException(413, "the body is over " + max
                            + " bytes, the limit given to read it whole");
                }
                all = Arrays.copyOf(all, (int) Math.min(max, Math.max(16, (long) size * 2)));
            }
            int count = read(all, size, all.length - size);
            if (count < 0) {
                return size == all.length ? all : Arrays.copyOf(all, size);
            }
            size += count;
        }
    }

    /**
     * Reads and drops what is left of the body, at most {@code max} bytes.
     *
     * @return whether the body ended within them
     */
    boolean discard(long max) throws IOException {
        byte[] sink = new byte[8192];
        long dropped = 0;
        while (!finished) {
            if (dropped > max) {
                return false;
            }
            int count = read(sink, 0, sink.length);
            if (count < 0) {
                break;
            }
            dropped += count;
        }
        return true;
    }

    /** The body as an {@link InputStream}. */
    InputStream stream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int count;
                do {
                    count = BodyReader.this.read(one, 0, 1);
                } while (count == 0);
                return count < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                return BodyReader.this.read(target, offset, length);
            }

            @Override
            public int available() {
                long buffered = Math.min(in.available(), finished ? 0
                        : framing.chunked() || framing.length() >= 0 ? remaining
                        : in.available());
                return (int) buffered;
            }
        };
    }

    // ---- chunks --------------------------------------------------------------------------------

    /** Reads a chunk's size line; at the last chunk reads the trailers and returns false. */
    private boolean nextChunk() throws IOException {
        int lineEnd = findLineEnd();
        byte[] bytes = in.bytes();
        int base = in.start();
        long size = 0;
        int i = 0;
        while (i < lineEnd && isHex(bytes[base + i])) {
            if (i >= 15) {
                throw new BadMessageException(400, "a chunk size has more than 15 hex digits");
            }
            size = (size << 4) | Character.digit(bytes[base + i], 16);
            i++;
        }
        if (i == 0) {
            throw new BadMessageException(400, "a chunk does not start with its size in hex "
                    + "digits (no sign, no 0x, no spaces)");
        }
        checkExtensions(bytes, base + i, base + lineEnd);
        in.skip(lineEnd + 2);
        if (size == 0) {
            trailerParser.parseTrailers(trailers);
            trailers.freeze();
            finished = true;
            return false;
        }
        if (received + size > limit) {
            throw new BadMessageException(413, "the chunked body is over the limit of "
                    + limit + " bytes");
        }
        remaining = size;
        return true;
    }

    /**
     * Checks what follows a chunk size: nothing, or extensions ({@code ;name} or
     * {@code ;name=value}, with optional whitespace around the separators but not at the end of
     * the line, as RFC 9112's grammar has it), which are ignored.
     */
    private static void checkExtensions(byte[] bytes, int from, int to)
            throws BadMessageException {
        int i = from;
        while (i < to) {
            i = skipWhitespace(bytes, i, to);
            if (i == to) {
                throw new BadMessageException(400, "a chunk size line ends in whitespace; "
                        + "whitespace may stand only around ';' and '=' of an extension");
            }
            if (bytes[i] != ';') {
                throw new BadMessageException(400, "a chunk size is followed by "
                        + Syntax.describe(bytes[i] & 0xff) + " where only hex digits or a ';' "
                        + "extension may be");
            }
            i = skipWhitespace(bytes, i + 1, to);
            int nameStart = i;
            while (i < to && Syntax.isTokenChar(bytes[i])) {
                i++;
            }
            if (i == nameStart) {
                throw new BadMessageException(400, "a chunk extension has no name");
            }
            int afterName = skipWhitespace(bytes, i, to);
            if (afterName < to && bytes[afterName] == '=') {
                i = extensionValue(bytes, skipWhitespace(bytes, afterName + 1, to), to);
            }
        }
    }

    private static int extensionValue(byte[] bytes, int i, int to) throws BadMessageException {
        if (i < to && bytes[i] == '"') {
            i++;
            while (i < to && bytes[i] != '"') {
                if (bytes[i] == '\\') {
                    i++;
                }
                if (i >= to || !isQuotedExtensionByte(bytes[i])) {
                    throw new BadMessageException(400, "a chunk extension's quoted value is "
                            + "malformed: it may hold only tab, space and visible ASCII");
                }
                i++;
            }
            if (i >= to) {
                throw new BadMessageException(400, "a chunk extension's quoted value is not "
                        + "closed");
            }
            return i + 1;
        }
        int start = i;
        while (i < to && Syntax.isTokenChar(bytes[i])) {
            i++;
        }
        if (i == start) {
            throw new BadMessageException(400, "a chunk extension has '=' but no value");
        }
        return i;
    }

    /**
     * Whether a quoted chunk extension value may hold byte {@code b}: RFC 9110's qdtext without
     * obs-text. Bytes above 0x7F are refused, as Netty refuses them, because no chunk extension
     * in use needs them and a server that reads them differently from a proxy is a smuggling
     * risk.
     */
    private static boolean isQuotedExtensionByte(byte b) {
        return b == '\t' || b >= 0x20 && b <= 0x7e;
    }

    private static int skipWhitespace(byte[] bytes, int i, int to) {
        while (i < to && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** Parks until a CRLF-ended line is buffered; returns the offset of its CR. */
    private int findLineEnd() throws IOException {
        int searched = 0;
        while (true) {
            byte[] bytes = in.bytes();
            int base = in.start();
            for (int i = searched; i < in.available(); i++) {
                byte b = bytes[base + i];
                if (b == '\n') {
                    if (i == 0 || bytes[base + i - 1] != '\r') {
                        throw new BadMessageException(400, "a chunk size line ends in a bare "
                                + "LF; it must end in CRLF");
                    }
                    return i - 1;
                }
                if (b == '\r' && i + 1 < in.available() && bytes[base + i + 1] != '\n') {
                    throw new BadMessageException(400, "a chunk size line holds a CR not "
                            + "followed by LF");
                }
            }
            searched = in.available();
            if (searched > MAX_CHUNK_LINE) {
                throw new BadMessageException(400, "a chunk size line is longer than "
                        + MAX_CHUNK_LINE + " bytes");
            }
            if (!in.fill()) {
                throw new EOFException("the peer ended its stream inside a chunk size line");
            }
        }
    }

    private void expectCrlf(String where) throws IOException {
        while (in.available() < 2) {
            if (!in.fill()) {
                throw new EOFException("the peer ended its stream " + where);
            }
        }
        if (in.at(0) != '\r' || in.at(1) != '\n') {
            throw new BadMessageException(400, "a chunk's data is not followed by CRLF; the "
                    + "chunk size and the data disagree");
        }
        in.skip(2);
    }

    private static boolean isHex(byte b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
    }
}
