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
import dev.weft.net.PipeReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
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
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The same inputs through Netty's {@code HttpRequestDecoder} and through Weft's parser:
 * valid requests and seeded mutations of them (bytes that matter to framing inserted,
 * replaced or dropped). Weft is stricter by design, so an input Netty refuses and Weft accepts
 * is a bug; where both accept, they must read the same requests with the same bodies.
 */
class NettyDifferentialTest {
    private static final String[] VALID = {
        "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /x?y=1 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\nUser-Agent: t\r\n\r\n",
        "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
        "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: 1\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n",
        "PUT /q HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc",
    };
    private static final byte[] INTERESTING = " \t\r\n:;,0xX-+\u0000\u007f\"=a".getBytes(
            StandardCharsets.ISO_8859_1);

    /** What a parser made of an input: the requests it read, or that it refused it. */
    record Reading(boolean refused, List<String> requests) {}

    @Test
    void weftNeverAcceptsWhatNettyRefusesAndReadsTheSameWhenBothAccept() {
        var random = new Random(20261202);
        List<String> looser = new ArrayList<>();
        List<String> different = new ArrayList<>();
        int[] stricter = new int[1];
        int[] bothAccepted = new int[1];
        Weft.run(() -> {
            for (int i = 0; i < 4000; i++) {
                byte[] input = mutate(VALID[random.nextInt(VALID.length)].getBytes(
                        StandardCharsets.ISO_8859_1), random, i % 5 == 0 ? 0 : 1 + i % 3);
                Reading netty = netty(input);
                Reading weft = weft(input);
                if (weft == null || netty == null) {
                    continue;       // incomplete input: neither has a verdict yet
                }
                if (!weft.refused() && netty.refused()) {
                    looser.add(printable(input));
                } else if (weft.refused() && !netty.refused()) {
                    stricter[0]++;
                } else if (!weft.refused() && !weft.requests().equals(netty.requests())) {
                    different.add(printable(input) + " weft " + weft.requests() + " netty "
                            + netty.requests());
                } else if (!weft.refused()) {
                    bothAccepted[0]++;
                }
            }
        });
        System.out.printf("differential: %d both accept, %d only Weft refuses%n",
                bothAccepted[0], stricter[0]);
        assertThat(looser).as("inputs Netty refuses and Weft accepts").isEmpty();
        assertThat(different).as("inputs both accept but read differently").isEmpty();
        assertThat(bothAccepted[0]).as("inputs both accept").isGreaterThan(500);
        assertThat(stricter[0]).as("inputs only Weft refuses").isPositive();
    }

    private static byte[] mutate(byte[] valid, Random random, int mutations) {
        var bytes = new ArrayList<Byte>();
        for (byte b : valid) {
            bytes.add(b);
        }
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(bytes.size());
            byte b = INTERESTING[random.nextInt(INTERESTING.length)];
            switch (random.nextInt(3)) {
                case 0 -> bytes.add(at, b);
                case 1 -> bytes.set(at, b);
                default -> bytes.remove(at);
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    /** Netty's reading, or null when the input ended inside a message. */
    private static Reading netty(byte[] input) {
        var channel = new EmbeddedChannel(new HttpRequestDecoder());
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
                        current = request.method().name() + " " + request.uri();
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

    /** Weft's reading, or null when the input ended inside a message. */
    private static Reading weft(byte[] input) throws IOException {
        var source = PipeReader.of(new ByteArrayInputStream(input), "case");
        var in = new InputBuffer(source, 8192, 32 * 1024, () -> { });
        var parser = new HeadParser(in, 8192, 16 * 1024, 100);
        List<String> requests = new ArrayList<>();
        try {
            while (true) {
                RequestHead head = parser.parseRequest();
                if (head == null) {
                    return new Reading(false, requests);
                }
                Framing framing = Framing.of(head.headers, true, head.minorVersion);
                ServerConnection.checkHost(head);
                var body = new BodyReader(in, parser, framing, 1 << 20, null);
                new Request(head, body, null, 1 << 20);
                byte[] all = body.readAll(1 << 20);
                requests.add(head.method + " " + head.target + " "
                        + new String(all, StandardCharsets.ISO_8859_1));
            }
        } catch (BadMessageException refused) {
            return new Reading(true, requests);
        } catch (EOFException incomplete) {
            return null;
        } finally {
            source.close();
        }
    }

    private static String printable(byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1).replace("\r", "\\r")
                .replace("\n", "\\n").replace("\t", "\\t").replace("\u0000", "\\0");
    }
}
