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
import java.nio.charset.StandardCharsets;

/**
 * Parses message heads (request and status lines, header fields, chunked trailers) in place in
 * an {@link InputBuffer}, strictly as RFC 9112 reads them: every line ends in CRLF, a field
 * name is a token right before its colon, a value holds no control character, a continuation
 * line (obsolete folding) is refused. Each refusal names the rule and carries the status a
 * server answers with. One parser serves one connection and reuses its arrays.
 */
final class HeadParser {
    private static final String[] COMMON_NAMES = {
        "Host", "Connection", "Content-Length", "Content-Type", "Transfer-Encoding", "Accept",
        "User-Agent", "Accept-Encoding", "Accept-Language", "Expect", "Cookie", "Date",
        "Server", "Cache-Control", "Authorization", "Location", "Retry-After", "Upgrade",
        "If-None-Match", "If-Modified-Since", "Range", "ETag", "Last-Modified", "Referer",
        "Origin", "Keep-Alive", "Content-Encoding", "Set-Cookie", "Vary", "Pragma",
    };
    private static final byte[][] COMMON_NAME_BYTES = new byte[COMMON_NAMES.length][];
    private static final String[] COMMON_METHODS = {
        "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE",
    };

    static {
        for (int i = 0; i < COMMON_NAMES.length; i++) {
            COMMON_NAME_BYTES[i] = COMMON_NAMES[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final InputBuffer in;
    private final int maxFirstLine;
    private final int maxFieldSection;
    private final int maxFields;
    private int[] lineStarts = new int[16];   // offsets from the buffer's start
    private int[] lineEnds = new int[16];     // the CR of each line
    private int lines;

    HeadParser(InputBuffer in, int maxFirstLine, int maxFieldSection, int maxFields) {
        this.in = in;
        this.maxFirstLine = maxFirstLine;
        this.maxFieldSection = maxFieldSection;
        this.maxFields = maxFields;
    }

    /**
     * Reads and parses a request head, parking until it is complete.
     *
     * @return the head, or null if the peer ended its stream before sending a byte of it
     * @throws BadMessageException if the head breaks a rule or a limit
     * @throws EOFException if the stream ended inside the head
     */
    RequestHead parseRequest() throws IOException {
        int length = scan(true);
        if (length < 0) {
            return null;
        }
        var head = new RequestHead();
        parseRequestLine(head);
        parseFields(1, lines, head.headers, "header");
        in.skip(length);
        return head;
    }

    /**
     * Reads and parses a response head.
     *
     * @return the head, or null if the peer ended its stream before sending a byte of it
     */
    ResponseHead parseResponse() throws IOException {
        int length = scan(false);
        if (length < 0) {
            return null;
        }
        var head = new ResponseHead();
        parseStatusLine(head);
        parseFields(1, lines, head.headers, "header");
        in.skip(length);
        return head;
    }

    /** Reads the trailer section after a last chunk into {@code trailers}. */
    void parseTrailers(HttpHeaders trailers) throws IOException {
        int length = scanFields();
        parseFields(0, lines, trailers, "trailer");
        in.skip(length);
    }

    // ---- finding the lines ---------------------------------------------------------------------

    /**
     * Finds the lines of a head: the start line and the fields up to the empty line. Empty
     * lines before a request line are skipped, as RFC 9112 section 2.2 allows.
     *
     * @return the head's length in bytes, or -1 at a clean end of stream
     */
    private int scan(boolean request) throws IOException {
        while (true) {
            while (in.available() < 2) {
                if (!in.fill()) {
                    if (in.available() == 0) {
                        return -1;
                    }
                    throw new EOFException("the peer ended its stream inside a message head");
                }
            }
            if (request && in.at(0) == '\r' && in.at(1) == '\n') {
                in.skip(2);
                continue;
            }
            break;
        }
        lines = 0;
        int lineStart = 0;
        int searched = 0;
        while (true) {
            int available = in.available();
            byte[] bytes = in.bytes();
            int base = in.start();
            for (int i = searched; i < available; i++) {
                if (bytes[base + i] != '\n') {
                    continue;
                }
                if (i == lineStart || bytes[base + i - 1] != '\r') {
                    throw new BadMessageException(400, "a line of the head ends in a bare LF; "
                            + "HTTP/1.1 lines end in CRLF");
                }
                int lineEnd = i - 1;
                if (lines == 0 && lineEnd > maxFirstLine) {
                    throw firstLineTooLong(request);
                }
                if (lineEnd == lineStart) {
                    if (lines == 0) {
                        throw new BadMessageException(400, "the head has an empty start line");
                    }
                    if (i - 1 - (lineEnds[0] + 2) > maxFieldSection) {
                        throw new BadMessageException(431, "the header section is longer than "
                                + maxFieldSection + " bytes, the limit");
                    }
                    return i + 1;
                }
                if (lines > maxFields) {
                    throw new BadMessageException(431, "the head has more than " + maxFields
                            + " fields, the limit");
                }
                addLine(lineStart, lineEnd);
                lineStart = i + 1;
            }
            searched = available;
            if (lines == 0 && available > maxFirstLine + 1) {
                throw firstLineTooLong(request);
            }
            if (lines > 0 && available - (lineEnds[0] + 2) > maxFieldSection) {
                throw new BadMessageException(431, "the header section is longer than "
                        + maxFieldSection + " bytes, the limit");
            }
            if (!in.fill()) {
                if (in.full()) {
                    throw new BadMessageException(431, "the head does not fit in "
                            + in.available() + " bytes");
                }
                throw new EOFException("the peer ended its stream inside a message head");
            }
        }
    }

    /** Finds the lines of a trailer section, which has no start line. */
    private int scanFields() throws IOException {
        lines = 0;
        int lineStart = 0;
        int searched = 0;
        while (true) {
            int available = in.available();
            byte[] bytes = in.bytes();
            int base = in.start();
            for (int i = searched; i < available; i++) {
                if (bytes[base + i] != '\n') {
                    continue;
                }
                if (i == lineStart || bytes[base + i - 1] != '\r') {
                    throw new BadMessageException(400, "a trailer line ends in a bare LF; "
                            + "HTTP/1.1 lines end in CRLF");
                }
                int lineEnd = i - 1;
                if (lineEnd == lineStart) {
                    return i + 1;
                }
                if (lines >= maxFields) {
                    throw new BadMessageException(431, "the trailers have more than "
                            + maxFields + " fields, the limit");
                }
                addLine(lineStart, lineEnd);
                lineStart = i + 1;
            }
            searched = available;
            if (available > maxFieldSection) {
                throw new BadMessageException(431, "the trailer section is longer than "
                        + maxFieldSection + " bytes, the limit");
            }
            if (!in.fill()) {
                throw new EOFException("the peer ended its stream inside the trailers");
            }
        }
    }

    private BadMessageException firstLineTooLong(boolean request) {
        return request
                ? new BadMessageException(414, "the request line is longer than " + maxFirstLine
                        + " bytes, the limit")
                : new BadMessageException(400, "the status line is longer than " + maxFirstLine
                        + " bytes, the limit");
    }

    private void addLine(int start, int end) {
        if (lines == lineStarts.length) {
            lineStarts = java.util.Arrays.copyOf(lineStarts, lines * 2);
            lineEnds = java.util.Arrays.copyOf(lineEnds, lines * 2);
        }
        lineStarts[lines] = start;
        lineEnds[lines] = end;
        lines++;
    }

    // ---- start lines ---------------------------------------------------------------------------

    private void parseRequestLine(RequestHead head) throws BadMessageException {
        byte[] bytes = in.bytes();
        int base = in.start();
        int start = base + lineStarts[0];
        int end = base + lineEnds[0];
        int space = indexOf(bytes, start, end, (byte) ' ');
        if (space <= start) {
            throw new BadMessageException(400, "the request line does not start with a method "
                    + "and a single space");
        }
        for (int i = start; i < space; i++) {
            if (!Syntax.isTokenChar(bytes[i])) {
                throw new BadMessageException(400, "the method holds " + Syntax.describe(
                        bytes[i] & 0xff) + ", which a token cannot hold");
            }
        }
        head.method = method(bytes, start, space - start);
        int targetStart = space + 1;
        int targetEnd = indexOf(bytes, targetStart, end, (byte) ' ');
        if (targetEnd <= targetStart) {
            throw new BadMessageException(400, "the request line needs one space between the "
                    + "method, the target and the version");
        }
        for (int i = targetStart; i < targetEnd; i++) {
            if (!Syntax.isTargetByte(bytes[i])) {
                throw new BadMessageException(400, "the request target holds "
                        + Syntax.describe(bytes[i] & 0xff) + "; percent-encode it");
            }
        }
        head.target = new String(bytes, targetStart, targetEnd - targetStart,
                StandardCharsets.ISO_8859_1);
        head.minorVersion = version(bytes, targetEnd + 1, end, "request line");
    }

    private void parseStatusLine(ResponseHead head) throws BadMessageException {
        byte[] bytes = in.bytes();
        int base = in.start();
        int start = base + lineStarts[0];
        int end = base + lineEnds[0];
        if (end - start < 12 || bytes[start + 8] != ' ' || (end - start > 12
                && bytes[start + 12] != ' ')) {
            throw new BadMessageException(400, "the status line is not HTTP/1.x, a space, "
                    + "three digits and a reason");
        }
        head.minorVersion = version(bytes, start, start + 8, "status line");
        int status = 0;
        for (int i = start + 9; i < start + 12; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                throw new BadMessageException(400, "the status code is not three digits");
            }
            status = status * 10 + bytes[i] - '0';
        }
        if (status < 100) {
            throw new BadMessageException(400, "the status code " + status + " is below 100");
        }
        head.status = status;
        head.reason = end - start > 13 ? new String(bytes, start + 13, end - start - 13,
                StandardCharsets.ISO_8859_1) : "";
    }

    /** Parses {@code HTTP/1.x} and returns x; a major version other than 1 is 505. */
    private static int version(byte[] bytes, int start, int end, String where)
            throws BadMessageException {
        if (end - start != 8 || bytes[start] != 'H' || bytes[start + 1] != 'T'
                || bytes[start + 2] != 'T' || bytes[start + 3] != 'P' || bytes[start + 4] != '/'
                || !isDigit(bytes[start + 5]) || bytes[start + 6] != '.'
                || !isDigit(bytes[start + 7])) {
            throw new BadMessageException(400, "the " + where + " does not end in a version "
                    + "such as HTTP/1.1");
        }
        if (bytes[start + 5] != '1') {
            throw new BadMessageException(505, "HTTP/" + (char) bytes[start + 5] + "."
                    + (char) bytes[start + 7] + " is not supported; this server speaks "
                    + "HTTP/1.1");
        }
        return bytes[start + 7] - '0';
    }

    // ---- fields --------------------------------------------------------------------------------

    private void parseFields(int from, int to, HttpHeaders into, String kind)
            throws BadMessageException {
        byte[] bytes = in.bytes();
        int base = in.start();
        for (int line = from; line < to; line++) {
            int start = base + lineStarts[line];
            int end = base + lineEnds[line];
            byte first = bytes[start];
            if (first == ' ' || first == '\t') {
                throw new BadMessageException(400, "a " + kind + " line starts with "
                        + "whitespace (obsolete line folding), which RFC 9112 refuses");
            }
            int colon = indexOf(bytes, start, end, (byte) ':');
            if (colon < 0) {
                throw new BadMessageException(400, "a " + kind + " line has no colon");
            }
            if (colon == start) {
                throw new BadMessageException(400, "a " + kind + " field has an empty name");
            }
            for (int i = start; i < colon; i++) {
                if (!Syntax.isTokenChar(bytes[i])) {
                    throw new BadMessageException(400, "the " + kind + " field name \""
                            + new String(bytes, start, colon - start, StandardCharsets.ISO_8859_1)
                                    .strip()
                            + "\" holds " + Syntax.describe(bytes[i] & 0xff)
                            + (bytes[i] == ' ' || bytes[i] == '\t'
                                    ? " (no whitespace may come before the colon)" : ""));
                }
            }
            int valueStart = colon + 1;
            while (valueStart < end && (bytes[valueStart] == ' ' || bytes[valueStart] == '\t')) {
                valueStart++;
            }
            int valueEnd = end;
            while (valueEnd > valueStart && (bytes[valueEnd - 1] == ' '
                    || bytes[valueEnd - 1] == '\t')) {
                valueEnd--;
            }
            for (int i = valueStart; i < valueEnd; i++) {
                if (!Syntax.isFieldValueByte(bytes[i])) {
                    throw new BadMessageException(400, "the value of " + kind + " field \""
                            + new String(bytes, start, colon - start, StandardCharsets.ISO_8859_1)
                            + "\" holds " + Syntax.describe(bytes[i] & 0xff));
                }
            }
            into.append(name(bytes, start, colon - start),
                    new String(bytes, valueStart, valueEnd - valueStart,
                            StandardCharsets.ISO_8859_1));
        }
    }

    /** A field name, as a shared string when it is a common name in its usual spelling. */
    private static String name(byte[] bytes, int start, int length) {
        for (int i = 0; i < COMMON_NAME_BYTES.length; i++) {
            if (java.util.Arrays.equals(COMMON_NAME_BYTES[i], 0, COMMON_NAME_BYTES[i].length,
                    bytes, start, start + length)) {
                return COMMON_NAMES[i];
            }
        }
        return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
    }

    private static String method(byte[] bytes, int start, int length) {
        for (String method : COMMON_METHODS) {
            if (method.length() == length && matches(bytes, start, method)) {
                return method;
            }
        }
        return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean matches(byte[] bytes, int start, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[start + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
