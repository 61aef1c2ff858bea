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

/** The character classes of RFC 9110 and 9112 that the parser and the field checks share. */
final class Syntax {
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private Syntax() {
    }

    /** Whether {@code c} may appear in a token: a method, a field name, a coding. */
    static boolean isTokenChar(int c) {
        return c >= 0 && c < 128 && TOKEN[c];
    }

    /** Whether byte {@code b} may appear in a field value: visible, space, tab or obs-text. */
    static boolean isFieldValueByte(int b) {
        int c = b & 0xff;
        return c >= 0x20 && c != 0x7f || c == '\t';
    }

    /**
     * Whether byte {@code b} may appear in a request target: the characters RFC 3986 allows,
     * which leaves out controls, spaces, non-ASCII bytes, {@code #} (a fragment is never sent)
     * and {@code "<>\^`{|}}.
     */
    static boolean isTargetByte(int b) {
        int c = b & 0xff;
        if (c <= 0x20 || c >= 0x7f) {
            return false;
        }
        return switch (c) {
            case '"', '<', '>', '\\', '^', '`', '{', '|', '}', '#' -> false;
            default -> true;
        };
    }

    /** Whether {@code s} is a non-empty token. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Names a character for a message: {@code 'a'}, or its code when it does not print. */
    static String describe(int c) {
        if (c > 0x20 && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        return switch (c) {
            case ' ' -> "a space";
            case '\t' -> "a tab";
            case '\r' -> "a CR";
            case '\n' -> "an LF";
            case 0 -> "a NUL";
            default -> String.format("the byte 0x%02x", c);
        };
    }
}
