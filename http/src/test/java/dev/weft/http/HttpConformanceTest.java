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

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Weft;
import dev.weft.net.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A data-driven conformance corpus for the server's RFC 9112 request parsing, in the manner of
 * HTTP Garden: each case of {@code conformance/requests.txt} (the format is described at the top
 * of that file) is written raw to a fresh connection of a server whose only handler echoes its
 * interpretation of the request, and the replies are compared with the case's expectation.
 *
 * <p>An accepted case must be answered by exactly the expected number of 200 responses, the
 * echo of each holding the expected lines. A rejected case must be answered by the expected
 * status line and then nothing more, although a valid probe request follows the bad one on the
 * wire: that proves the server closed the connection after refusing.
 */
class HttpConformanceTest {
    private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);

    /** A valid request written after a rejected one, which a closed connection never answers. */
    private static final String PROBE = "GET /probe HTTP/1.1\r\nHost: probe\r\n\r\n";

    /** One corpus case: its raw bytes and what the server must answer. */
    record Case(String name, byte[] raw, int accepted, int rejectStatus, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One response read off the wire. */
    record Reply(String statusLine, int status, String body) {
    }

    private static final Routes ROUTES = Routes.builder()
            .filter((request, response, chain) -> echo(request, response))
            .build();

    static Stream<Case> corpus() throws IOException {
        try (InputStream in = HttpConformanceTest.class.getResourceAsStream(
                "/conformance/requests.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Case> cases = parse(text);
            assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
            assertThat(cases.stream().map(Case::name).distinct()).hasSameSizeAs(cases);
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void theServerAnswersEachCorpusRequestAsTheRfcRulesSay(Case c) {
        byte[] reply = Weft.run(() -> {
            try (var server = HttpServer.serve(ANY, ROUTES)) {
                try (var connection = TcpConnection.connect("127.0.0.1", server.port())) {
                    connection.write(c.raw());
                    if (c.rejectStatus() != 0) {
                        connection.write(PROBE.getBytes(StandardCharsets.ISO_8859_1));
                    }
                    connection.shutdownOutput();
                    return connection.readAll(1 << 20);
                }
            }
        });
        List<Reply> replies = replies(reply);
        String seen = describe(replies);
        for (int i = 0; i < c.accepted(); i++) {
            assertThat(replies.size()).as("responses: %s", seen).isGreaterThan(i);
            assertThat(replies.get(i).status()).as("response %d: %s", i + 1, seen).isEqualTo(200);
        }
        if (c.rejectStatus() != 0) {
            assertThat(replies).as("responses: %s", seen).hasSize(c.accepted() + 1);
            assertThat(replies.get(c.accepted()).statusLine()).as("responses: %s", seen)
                    .isEqualTo("HTTP/1.1 " + c.rejectStatus() + " "
                            + HttpStatus.reason(c.rejectStatus()));
        } else {
            assertThat(replies).as("responses: %s", seen).hasSize(c.accepted());
        }
        for (String line : c.expected()) {
            int index = 0;
            String want = line;
            int colon = line.indexOf(':');
            int equals = line.indexOf('=');
            if (colon > 0 && colon < equals && line.substring(0, colon).chars()
                    .allMatch(Character::isDigit)) {
                index = Integer.parseInt(line.substring(0, colon)) - 1;
                want = line.substring(colon + 1);
            }
            assertThat(replies.get(index).body().lines().toList())
                    .as("echo of response %d: %s", index + 1, seen).contains(want);
        }
    }

    /** The handler: writes back what the server made of the request, one fact a line. */
    private static void echo(Request request, Response response) throws IOException {
        byte[] body = request.bodyAsBytes();
        var out = new StringBuilder();
        out.append("method=").append(escape(request.method())).append('\n');
        out.append("target=").append(escape(request.target())).append('\n');
        out.append("version=").append(escape(request.version())).append('\n');
        if (request.rawPath() != null) {
            out.append("path=").append(escape(String.valueOf(request.path()))).append('\n');
            out.append("rawpath=").append(escape(request.rawPath())).append('\n');
        }
        out.append("query=").append(escape(String.valueOf(request.rawQuery()))).append('\n');
        out.append("headers=").append(request.headers().size()).append('\n');
        request.headers().forEach((name, value) -> out.append("header=")
                .append(escape(name.toLowerCase(Locale.ROOT))).append(':').append(escape(value))
                .append('\n'));
        out.append("length=").append(body.length).append('\n');
        out.append("body=").append(HexFormat.of().formatHex(body)).append('\n');
        out.append("trailers=").append(request.trailers().size()).append('\n');
        request.trailers().forEach((name, value) -> out.append("trailer=")
                .append(escape(name.toLowerCase(Locale.ROOT))).append(':').append(escape(value))
                .append('\n'));
        response.status(200).header("Content-Type", "text/plain").send(out.toString());
    }

    /** Writes controls, backslash and non-ASCII characters as escapes, as the corpus does. */
    private static String escape(String text) {
        var out = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if (ch == '\t') {
                out.append("\\t");
            } else if (ch == '\\') {
                out.append("\\\\");
            } else if (ch < 0x20 || ch >= 0x7f) {
                out.append(String.format(Locale.ROOT, ch > 0xff ? "\\u%04x" : "\\x%02x",
                        (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** Splits the bytes the server sent into responses, dropping 1xx interim responses. */
    private static List<Reply> replies(byte[] bytes) {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        List<Reply> replies = new ArrayList<>();
        int at = 0;
        while (at < all.length()) {
            int end = all.indexOf("\r\n\r\n", at);
            if (end < 0) {
                replies.add(new Reply("(truncated) " + all.substring(at), -1, ""));
                break;
            }
            String[] lines = all.substring(at, end).split("\r\n");
            int status = lines[0].length() >= 12 && lines[0].startsWith("HTTP/")
                    ? Integer.parseInt(lines[0].substring(9, 12)) : -1;
            long length = -1;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0 && lines[i].substring(0, colon).equalsIgnoreCase(
                        "Content-Length")) {
                    length = Long.parseLong(lines[i].substring(colon + 1).strip());
                }
            }
            at = end + 4;
            if (status >= 100 && status < 200) {
                continue;
            }
            int bodyEnd = length < 0 || status == 204 ? (status == 204 ? at : all.length())
                    : (int) Math.min(all.length(), at + length);
            replies.add(new Reply(lines[0], status, all.substring(at, bodyEnd)));
            at = bodyEnd;
        }
        return replies;
    }

    private static String describe(List<Reply> replies) {
        var out = new StringBuilder();
        for (Reply reply : replies) {
            out.append("\n  [").append(reply.statusLine()).append("] ")
                    .append(reply.body().replace("\n", " | "));
        }
        return out.isEmpty() ? "(none)" : out.toString();
    }

    // ---- the corpus format -----------------------------------------------------------------

    static List<Case> parse(String text) {
        List<Case> cases = new ArrayList<>();
        String name = null;
        var raw = new StringBuilder();
        List<String> expected = new ArrayList<>();
        int accepted = 0;
        int reject = 0;
        boolean inExpectation = false;
        for (String line : (text + "\n=== end\n").split("\n", -1)) {
            if (line.startsWith("#") && name == null || line.startsWith("#") && !inExpectation
                    && raw.isEmpty()) {
                continue;
            }
            if (line.startsWith("=== ")) {
                if (name != null) {
                    if (accepted == 0 && reject == 0) {
                        throw new IllegalArgumentException("case " + name + " has no verdict");
                    }
                    cases.add(new Case(name, unescape(raw.toString(), name), accepted, reject,
                            List.copyOf(expected)));
                }
                name = line.substring(4).strip();
                raw.setLength(0);
                expected.clear();
                accepted = 0;
                reject = 0;
                inExpectation = false;
            } else if (line.startsWith("--- ") && name != null) {
                inExpectation = true;
                String[] words = line.substring(4).strip().split(" +");
                if (words[0].equals("accept")) {
                    accepted = words.length > 1 ? Integer.parseInt(words[1]) : 1;
                } else if (words[0].equals("reject")) {
                    reject = Integer.parseInt(words[1]);
                    if (words.length > 3 && words[2].equals("after")) {
                        accepted = Integer.parseInt(words[3]);
                    }
                } else {
                    throw new IllegalArgumentException("bad verdict in " + name + ": " + line);
                }
            } else if (name != null && !inExpectation) {
                raw.append(line);
            } else if (name != null && !line.isBlank() && !line.startsWith("#")) {
                expected.add(line.strip());
            }
        }
        return cases;
    }

    private static final Map<Character, Character> SIMPLE = Map.of('r', '\r', 'n', '\n', 't',
            '\t', '\\', '\\', 's', ' ', '0', '\0');

    /** Expands the escapes of a case's raw text into bytes, each char one ISO-8859-1 byte. */
    static byte[] unescape(String text, String name) {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch != '\\') {
                if (ch > 0xff) {
                    throw new IllegalArgumentException("non-Latin-1 text in " + name);
                }
                out.write(ch);
                continue;
            }
            char next = text.charAt(++i);
            if (SIMPLE.containsKey(next)) {
                out.write(SIMPLE.get(next));
            } else if (next == 'x') {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (next == '*') {
                int open = text.indexOf('{', i);
                int close = open;
                for (int depth = 0; ; close++) {
                    char at = text.charAt(close);
                    depth += at == '{' ? 1 : at == '}' ? -1 : 0;
                    if (depth == 0) {
                        break;
                    }
                }
                int count = Integer.parseInt(text.substring(i + 1, open));
                byte[] unit = unescape(text.substring(open + 1, close), name);
                for (int k = 0; k < count; k++) {
                    out.writeBytes(unit);
                }
                i = close;
            } else {
                throw new IllegalArgumentException("unknown escape \\" + next + " in " + name);
            }
        }
        return out.toByteArray();
    }
}
