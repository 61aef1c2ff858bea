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

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Commands in the Redis protocol's request form: an array of bulk strings. Arguments are byte
 * arrays, strings (as UTF-8) or numbers (as their decimal text).
 */
final class RespCommands {
    private static final byte[] CRLF = {'\r', '\n'};

    private RespCommands() {}

    /** Appends one command to {@code out}: several in one write are a pipeline. */
    static void encode(List<?> arguments, CommandBuffer out) {
        header(out, '*', arguments.size());
        for (Object argument : arguments) {
            byte[] bytes = bytesOf(argument);
            header(out, '$', bytes.length);
            out.writeBytes(bytes);
            out.writeBytes(CRLF);
        }
    }

    /** One argument's bytes. */
    static byte[] bytesOf(Object argument) {
        return switch (argument) {
            case byte[] bytes -> bytes;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case Long number -> Long.toString(number).getBytes(StandardCharsets.US_ASCII);
            case Integer number -> Integer.toString(number).getBytes(StandardCharsets.US_ASCII);
            case null -> throw new IllegalArgumentException("a Redis argument is null; pass a "
                    + "byte[], String, Long or Integer");
            default -> throw new IllegalArgumentException("a Redis argument is a "
                    + argument.getClass().getName() + "; pass a byte[], String, Long or Integer");
        };
    }

    /** The command's name and first argument, for messages (never the values: secrets). */
    static String describe(List<?> arguments) {
        if (arguments.isEmpty()) {
            return "an empty command";
        }
        String name = new String(bytesOf(arguments.getFirst()), StandardCharsets.UTF_8);
        if (name.equalsIgnoreCase("AUTH") || arguments.size() < 2) {
            return name;
        }
        return name + " " + new String(bytesOf(arguments.get(1)), StandardCharsets.UTF_8);
    }

    private static void header(CommandBuffer out, char kind, int count) {
        out.write(kind);
        out.writeDecimal(count);
        out.writeBytes(CRLF);
    }
}
