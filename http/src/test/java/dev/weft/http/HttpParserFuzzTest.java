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

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the request parser and the chunked decoder, with Netty's decoder
 * as the oracle. A target fails when Weft's parser throws anything but a refusal (an index out
 * of bounds, a number format, a loop that never ends), accepts an input Netty refuses (but for
 * the one documented leniency, {@link ParserReadings#isDocumentedLeniency}), or reads an
 * accepted input differently from Netty.
 *
 * <p>An ordinary test run replays the kept corpus in
 * {@code src/test/resources/dev/weft/http/HttpParserFuzzTestInputs}: the raw requests of the
 * conformance corpus, the chunked bodies among them, and what fuzzing found worth keeping.
 * {@code ./weft fuzz} fuzzes each target for a while.
 */
@Tag("fuzz")
class HttpParserFuzzTest {
    private static final byte[] CHUNKED_HEAD = ("POST /upload HTTP/1.1\r\nHost: fuzz\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

    /** Any bytes as a connection's whole input: one or more pipelined requests, or a refusal. */
    @FuzzTest(maxDuration = "60s")
    void requestParserReadsOnlyWhatNettyReadsAlike(byte[] input) throws IOException {
        agreeWithNetty(input);
    }

    /** Any bytes as the body of a chunked request: chunk sizes, extensions and trailers. */
    @FuzzTest(maxDuration = "60s")
    void chunkedDecoderReadsOnlyWhatNettyReadsAlike(byte[] body) throws IOException {
        byte[] input = new byte[CHUNKED_HEAD.length + body.length];
        System.arraycopy(CHUNKED_HEAD, 0, input, 0, CHUNKED_HEAD.length);
        System.arraycopy(body, 0, input, CHUNKED_HEAD.length, body.length);
        agreeWithNetty(input);
    }

    private static void agreeWithNetty(byte[] input) throws IOException {
        ParserReadings.Reading weft = ParserReadings.weft(input);
        if (weft == null || weft.refused()) {
            return;     // incomplete, or refused: Weft may be stricter than Netty
        }
        ParserReadings.Reading netty = ParserReadings.netty(input);
        if (netty == null) {
            throw new AssertionError("Weft read the whole input that Netty finds incomplete: "
                    + ParserReadings.printable(input) + " weft " + weft.requests());
        }
        if (netty.refused() && !ParserReadings.isDocumentedLeniency(weft)) {
            throw new AssertionError("Weft accepts what Netty refuses: "
                    + ParserReadings.printable(input) + " weft " + weft.requests());
        }
        if (!netty.refused() && !weft.requests().equals(netty.requests())) {
            throw new AssertionError("Weft and Netty read " + ParserReadings.printable(input)
                    + " differently: weft " + weft.requests() + " netty " + netty.requests());
        }
    }
}
