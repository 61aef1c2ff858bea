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
    static Object read(StreamReader in, String command) throws IOException {
        byte[] line = in.readUntil(CRLF, LINE_LIMIT);
        if (line.length < 3) {
            throw new ProtocolException("an empty reply line from Redis");
        }
        String rest = new String(line, 1, line.length - 3, StandardCharsets.UTF_8);
        return switch (line[0]) {
            case '+' -> rest;
            case '-' -> new RedisErrorException(rest, command);
            case ':' -> parseLong(rest);
            case '$' -> bulk(in, parseLong(rest));
            case '*' -> array(in, parseLong(rest), command);
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
        byte[] withEnd = in.readExactly((int) length + 2);
        if (withEnd[(int) length] != '\r' || withEnd[(int) length + 1] != '\n') {
            throw new ProtocolException("a bulk reply from Redis does not end with CRLF");
        }
        byte[] bytes = new byte[(int) length];
        System.arraycopy(withEnd, 0, bytes, 0, (int) length);
        return bytes;
    }

    private static List<Object> array(StreamReader in, long count, String command)
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

    private static long parseLong(String text) throws ProtocolException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProtocolException("a number in a reply from Redis is \"" + text + "\"");
        }
    }
}
