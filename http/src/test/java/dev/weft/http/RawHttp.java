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

import dev.weft.net.TcpConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A deliberately small HTTP/1.1 response reader on a raw connection, for the server's tests. */
final class RawHttp {
    /** A response as read off the wire. */
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Reads one response; a HEAD response has no body. */
    static Reply read(TcpConnection connection, boolean head) throws IOException {
        String text = new String(connection.readUntil("\r\n\r\n".getBytes(), 65536),
                StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
        }
        if (status == 100) {
            return new Reply(status, headers, "");
        }
        String body = "";
        if (head || status == 204 || status == 304) {
            body = "";
        } else if ("chunked".equals(headers.get("transfer-encoding"))) {
            var all = new StringBuilder();
            while (true) {
                String size = new String(connection.readUntil("\r\n".getBytes(), 1024),
                        StandardCharsets.ISO_8859_1).strip();
                int length = Integer.parseInt(size.split(";")[0], 16);
                if (length == 0) {
                    String trailer;
                    while (!(trailer = new String(connection.readUntil("\r\n".getBytes(), 4096),
                            StandardCharsets.ISO_8859_1)).equals("\r\n")) {
                        int colon = trailer.indexOf(':');
                        headers.put("trailer:" + trailer.substring(0, colon).toLowerCase(
                                Locale.ROOT), trailer.substring(colon + 1).strip());
                    }
                    break;
                }
                all.append(new String(connection.readExactly(length), StandardCharsets.UTF_8));
                connection.readExactly(2);
            }
            body = all.toString();
        } else if (headers.containsKey("content-length")) {
            body = new String(connection.readExactly(Integer.parseInt(headers.get(
                    "content-length"))), StandardCharsets.UTF_8);
        } else {
            body = new String(connection.readAll(1 << 20), StandardCharsets.UTF_8);
        }
        return new Reply(status, headers, body);
    }
}
