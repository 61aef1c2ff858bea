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

package dev.weft.redis;

import dev.weft.net.StreamReader;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Replies in the Redis protocol (RESP2, and the RESP3 types a RESP2 server never sends are
 * refused): a simple string is a {@link String}, an integer a {@link Long}, a bulk string a
 * {@code byte[]}, a null bulk or array {@code null}, an array a {@link List}, and an error a
 * {@link RedisErrorException} in its place (thrown by the caller, so that a pipeline's other
 * replies are still read).
 */
final class RespReplies {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int LINE_LIMIT = 64 * 1024;
    private static final int BULK_LIMIT = 512 * 1024 * 1024;   // Redis's own proto-max-bulk-len

    private RespReplies() {}

    /** Reads one whole reply; an error reply is returned as a {@link RedisErrorException}. */
    static Object read(StreamReader in, List<?> command) throws IOException {
        byte[] line = in.readUntil(CRLF, LINE_LIMIT);
        if (line.length < 3) {
            throw new ProtocolException("an empty reply line from Redis");
        }
        return switch (line[0]) {
            case '+' -> new String(line, 1, line.length - 3, StandardCharsets.UTF_8);
            case '-' -> new RedisErrorException(new String(line, 1, line.length - 3,
                    StandardCharsets.UTF_8), RespCommands.describe(command));
            case ':' -> parseLong(line);
            case '$' -> bulk(in, parseLong(line));
            case '*' -> array(in, parseLong(line), command);
            default -> throw new ProtocolException("a reply from Redis starts with '"
                    + (char) line[0] + "': not the RESP2 protocol");
        };
    }

    private static byte[] bulk(StreamReader in, long length) throws IOException {
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > BULK_LIMIT) {
            throw new ProtocolException("a bulk reply of " + length + " bytes from Redis");
        }
        byte[] bytes = in.readExactly((int) length);
        byte[] end = in.readExactly(2);
        if (end[0] != '\r' || end[1] != '\n') {
            throw new ProtocolException("a bulk reply from Redis does not end with CRLF");
        }
        return bytes;
    }

    private static List<Object> array(StreamReader in, long count, List<?> command)
            throws IOException {
        if (count == -1) {
            return null;
        }
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw new ProtocolException("an array reply of " + count + " items from Redis");
        }
        var items = new ArrayList<>((int) Math.min(count, 1024));
        for (long i = 0; i < count; i++) {
            items.add(read(in, command));
        }
        return items;
    }

    /** The number after the type byte of {@code line}, which ends with CRLF. */
    private static long parseLong(byte[] line) throws ProtocolException {
        int end = line.length - 2;
        int at = 1;
        boolean negative = at < end && line[at] == '-';
        if (negative) {
            at++;
        }
        if (at == end) {
            throw notANumber(line);
        }
        if (end - at > 18) {   // near the limits of a long: the careful way
            try {
                return Long.parseLong(new String(line, 1, line.length - 3,
                        StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw notANumber(line);
            }
        }
        long value = 0;
        for (; at < end; at++) {
            int digit = line[at] - '0';
            if (digit < 0 || digit > 9) {
                throw notANumber(line);
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static ProtocolException notANumber(byte[] line) {
        return new ProtocolException("a number in a reply from Redis is \""
                + new String(line, 1, line.length - 3, StandardCharsets.UTF_8) + "\"");
    }
}
