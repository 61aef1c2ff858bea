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
package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The web-server example answers as a JSON API and a safe file server should. */
class WebServerTest {
    @Test
    void theDemoGetsTheAnswersOfAJsonApiAndAFileServer() throws Exception {
        var transcript = new Transcript(new PrintStream(OutputStream.nullOutputStream()));
        var answers = WebServer.run(transcript).answers();
        assertThat(answers.get(0)).isEqualTo("201 {\"id\":1,\"name\":\"tea\",\"quantity\":3}");
        assertThat(answers.get(1)).isEqualTo("200 [{\"id\":1,\"name\":\"tea\",\"quantity\":3}]");
        assertThat(answers.get(2)).isEqualTo("404 {\"error\":\"no item 99\"}");
        assertThat(answers.get(3)).startsWith("400 {\"error\":\"the body is not an item");
        assertThat(answers.get(4)).isEqualTo("200 0123456789abcdefghij");
        assertThat(answers.get(5)).isEqualTo("304");
        assertThat(answers.get(6)).isEqualTo("206 0123456789");
        assertThat(answers.get(7)).startsWith("404");
    }

    @Test
    void byteRangesAreReadAsRfc9110SaysForOneRange() {
        assertThat(StaticFiles.span("bytes=0-9", 100)).containsExactly(0, 9);
        assertThat(StaticFiles.span("bytes=90-", 100)).containsExactly(90, 99);
        assertThat(StaticFiles.span("bytes=-10", 100)).containsExactly(90, 99);
        assertThat(StaticFiles.span("bytes=50-500", 100)).containsExactly(50, 99);
        assertThat(StaticFiles.span("bytes=100-", 100)).isEmpty();
        assertThat(StaticFiles.span("bytes=0-1,5-6", 100)).isNull();
        assertThat(StaticFiles.span("items=0-1", 100)).isNull();
    }
}
