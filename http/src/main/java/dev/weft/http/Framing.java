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

import java.util.List;
import java.util.Locale;

/**
 * How a message's body is delimited, decided from its fields as RFC 9112 section 6 says, and
 * strictly: the ambiguities that request smuggling lives on (both {@code Content-Length} and
 * {@code Transfer-Encoding}, two lengths, a coding after {@code chunked}, a length with a sign
 * or spaces) are refused, never resolved by a guess.
 *
 * @param chunked whether the body is chunked
 * @param length the body's length when it is not chunked; -1 when it runs to the end of the
 *     stream (a response without either field)
 */
record Framing(boolean chunked, long length) {
    static final Framing EMPTY = new Framing(false, 0);
    static final Framing CHUNKED = new Framing(true, -1);
    static final Framing UNTIL_CLOSE = new Framing(false, -1);

    /** Whether there is no body at all. */
    boolean isEmpty() {
        return !chunked && length == 0;
    }

    /**
     * The framing of a message with {@code headers}.
     *
     * @param request whether it is a request (a request without either field has no body)
     * @param minorVersion 0 for HTTP/1.0, in which {@code Transfer-Encoding} is refused
     */
    static Framing of(HttpHeaders headers, boolean request, int minorVersion)
            throws BadMessageException {
        boolean hasCoding = headers.contains("Transfer-Encoding");
        int lengths = headers.count("Content-Length");
        if (hasCoding && lengths > 0) {
            throw new BadMessageException(400, "the message has both Content-Length and "
                    + "Transfer-Encoding, which RFC 9112 treats as an attack; send one");
        }
        if (hasCoding) {
            if (minorVersion == 0) {
                throw new BadMessageException(400, "an HTTP/1.0 message cannot have "
                        + "Transfer-Encoding");
            }
            checkCodings(headers.all("Transfer-Encoding"));
            return CHUNKED;
        }
        if (lengths > 1) {
            throw new BadMessageException(400, "the message has " + lengths
                    + " Content-Length fields; send one");
        }
        if (lengths == 1) {
            return new Framing(false, parseLength(headers.get("Content-Length")));
        }
        return request ? EMPTY : UNTIL_CLOSE;
    }

    /**
     * Accepts {@code chunked} alone. Chunked repeated or not last is 400 (RFC 9112 section
     * 6.3: the length cannot be known); another coding before a final chunked, or without
     * chunked, is 501, since this server decodes none.
     */
    private static void checkCodings(List<String> fields) throws BadMessageException {
        java.util.List<String> codings = new java.util.ArrayList<>();
        for (String field : fields) {
            for (String part : field.split(",", -1)) {
                String coding = part.strip();
                if (coding.isEmpty()) {
                    throw new BadMessageException(400, "Transfer-Encoding has an empty coding "
                            + "in \"" + field + "\"");
                }
                if (!Syntax.isToken(coding)) {
                    throw new BadMessageException(400, "Transfer-Encoding holds \"" + coding
                            + "\", which is not a coding name");
                }
                codings.add(coding.toLowerCase(Locale.ROOT));
            }
        }
        long chunked = codings.stream().filter("chunked"::equals).count();
        if (chunked > 1) {
            throw new BadMessageException(400, "Transfer-Encoding names chunked more than "
                    + "once");
        }
        if (chunked == 1 && !codings.getLast().equals("chunked")) {
            throw new BadMessageException(400, "Transfer-Encoding has a coding after chunked, "
                    + "so the body's end cannot be known");
        }
        for (String coding : codings) {
            if (!coding.equals("chunked")) {
                throw new BadMessageException(501, "the transfer coding \"" + coding
                        + "\" is not supported; only chunked is");
            }
        }
    }

    /** A length of digits only: no sign, no spaces, no list, no overflow. */
    static long parseLength(String value) throws BadMessageException {
        if (value.isEmpty() || value.length() > 18) {
            throw new BadMessageException(400, "Content-Length \"" + value + "\" is not a "
                    + "length of 1 to 18 digits");
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadMessageException(400, "Content-Length \"" + value + "\" holds "
                        + Syntax.describe(c) + "; it must be digits only");
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    /** {@link #parseLength}, for a length the parser has checked already. */
    static long parseLengthOr(String value) {
        try {
            return parseLength(value);
        } catch (BadMessageException checkedBefore) {
            throw new IllegalStateException(checkedBefore);
        }
    }
}
