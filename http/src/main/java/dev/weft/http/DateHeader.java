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

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date} field line of responses, formatted once a second rather than per response:
 * it only has a resolution of seconds.
 */
final class DateHeader {
    private record Line(long second, byte[] bytes) {
    }

    private static volatile Line current = format(System.currentTimeMillis() / 1000);

    private DateHeader() {
    }

    /** Returns {@code Date: <now>\r\n}. */
    static byte[] line() {
        long second = System.currentTimeMillis() / 1000;
        Line line = current;
        if (line.second() != second) {
            line = format(second);
            current = line;
        }
        return line.bytes();
    }

    private static Line format(long second) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second), ZoneOffset.UTC));
        return new Line(second, ("Date: " + date + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
