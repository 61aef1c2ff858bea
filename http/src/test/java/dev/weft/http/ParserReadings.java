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

import dev.weft.net.PipeReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What Weft's parser and Netty's {@code HttpRequestDecoder} make of the same bytes, for the
 * differential test and the fuzz tests: the requests each read (method, target, version and
 * body), or that it refused the input.
 */
final class ParserReadings {
    /** Weft's limits in these readings; Netty's are larger, so a size is never the difference. */
    static final int REQUEST_LINE = 8192;
    static final int HEADER_SECTION = 16 * 1024;
    static final int HEADER_FIELDS = 100;
    static final int BODY = 1 << 20;

    private ParserReadings() {}

    /** What a parser made of an input: the requests it read, or that it refused it. */
    record Reading(boolean refused, List<String> requests) {}

    /**
     * Whether Weft's accepting an input that Netty refuses is a documented choice rather than a
     * bug: Weft reads HTTP/1.2 and later 1.x versions as HTTP/1.1, chunked bodies included, as
     * RFC 9112 section 2.3 asks, where Netty refuses a chunked body in any version but 1.1.
     */
    static boolean isDocumentedLeniency(Reading weft) {
        return weft.requests().stream().anyMatch(request -> {
            String[] parts = request.split(" ", 4);
            return parts[2].startsWith("HTTP/1.") && !parts[2].equals("HTTP/1.0")
                    && !parts[2].equals("HTTP/1.1");
        });
    }

    /** Netty's reading, or null when the input ended inside a message. */
    static Reading netty(byte[] input) {
        var config = new HttpDecoderConfig().setMaxInitialLineLength(4 * REQUEST_LINE)
                .setMaxHeaderSize(4 * HEADER_SECTION);
        var channel = new EmbeddedChannel(new HttpRequestDecoder(config));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(input));
            List<String> requests = new ArrayList<>();
            String current = null;
            var body = new ByteArrayOutputStream();
            boolean inMessage = false;
            HttpObject message;
            while ((message = channel.readInbound()) != null) {
                try {
                    if (message.decoderResult().isFailure()) {
                        return new Reading(true, requests);
                    }
                    if (message instanceof HttpRequest request) {
                        current = request.method().name() + " " + request.uri() + " "
                                + request.protocolVersion().text();
                        body.reset();
                        inMessage = true;
                    }
                    if (message instanceof HttpContent content) {
                        ByteBuf data = content.content();
                        byte[] chunk = new byte[data.readableBytes()];
                        data.readBytes(chunk);
                        body.writeBytes(chunk);
                        if (content instanceof LastHttpContent) {
                            requests.add(current + " " + body.toString(StandardCharsets.ISO_8859_1));
                            inMessage = false;
                        }
                    }
                } finally {
                    io.netty.util.ReferenceCountUtil.release(message);
                }
            }
            return inMessage ? null : new Reading(false, requests);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /**
     * Weft's reading, or null when the input ended inside a message. Any exception other than a
     * refusal ({@link BadMessageException}) escapes: it is a parser bug.
     */
    static Reading weft(byte[] input) throws IOException {
        var source = PipeReader.of(new ByteArrayInputStream(input), "case");
        var in = new InputBuffer(source, 8192, 32 * 1024, () -> { });
        var parser = new HeadParser(in, REQUEST_LINE, HEADER_SECTION, HEADER_FIELDS);
        List<String> requests = new ArrayList<>();
        try {
            while (true) {
                RequestHead head = parser.parseRequest();
                if (head == null) {
                    return new Reading(false, requests);
                }
                Framing framing = Framing.of(head.headers, true, head.minorVersion);
                ServerConnection.checkHost(head);
                var body = new BodyReader(in, parser, framing, BODY, null);
                new Request(head, body, null, BODY);
                byte[] all = body.readAll(BODY);
                requests.add(head.method + " " + head.target + " HTTP/1." + head.minorVersion
                        + " " + new String(all, StandardCharsets.ISO_8859_1));
            }
        } catch (BadMessageException refused) {
            return new Reading(true, requests);
        } catch (EOFException incomplete) {
            return null;
        } finally {
            source.close();
        }
    }

    /** The input with CR, LF, tab and every other byte outside printable ASCII escaped. */
    static String printable(byte[] input) {
        var out = new StringBuilder(input.length + 16);
        for (byte b : input) {
            int c = b & 0xff;
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\x%02X", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        return out.toString();
    }
}
