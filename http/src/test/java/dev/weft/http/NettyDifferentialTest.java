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
                ParserReadings.Reading netty = ParserReadings.netty(input);
                ParserReadings.Reading weft = ParserReadings.weft(input);
                if (weft == null || netty == null) {
                    continue;       // incomplete input: neither has a verdict yet
                }
                if (!weft.refused() && netty.refused()) {
                    if (!ParserReadings.isDocumentedLeniency(weft)) {
                        looser.add(ParserReadings.printable(input));
                    }
                } else if (weft.refused() && !netty.refused()) {
                    stricter[0]++;
                } else if (!weft.refused() && !weft.requests().equals(netty.requests())) {
                    different.add(ParserReadings.printable(input) + " weft " + weft.requests()
                            + " netty " + netty.requests());
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
}
