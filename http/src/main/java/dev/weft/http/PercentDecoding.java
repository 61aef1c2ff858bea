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

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes percent-escapes as UTF-8, refusing malformed escapes and malformed UTF-8. */
final class PercentDecoding {
    private PercentDecoding() {
    }

    /**
     * Decodes {@code text}; with {@code form}, a {@code +} is a space, as in a query.
     *
     * @throws BadMessageException (400) for an escape that is not {@code %} and two hex
     *     digits, or bytes that are not UTF-8
     */
    static String decode(String text, boolean form) throws BadMessageException {
        if (text.indexOf('%') < 0 && (!form || text.indexOf('+') < 0)) {
            return text;
        }
        var bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new BadMessageException(400, "\"" + text + "\" has a '%' not "
                            + "followed by two hex digits");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (form && c == '+') {
                bytes.write(' ');
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new BadMessageException(400, "\"" + text + "\" decodes to bytes that are "
                    + "not UTF-8");
        }
    }
}
