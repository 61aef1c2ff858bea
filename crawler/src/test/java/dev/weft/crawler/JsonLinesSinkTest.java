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
package dev.weft.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JSON lines: one object per record, and a failing output is an error, not silence. */
class JsonLinesSinkTest {
    private static final PageRecord PAGE = new PageRecord("http://example.com/", 0, 200, "T\u00e9",
            null, "text/html", 12, 3, null, 1, 1.5, null);

    @Test
    void eachRecordIsOneLineOfJsonWithoutTheEmptyFields() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var sink = JsonLinesSink.to(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            sink.write(PAGE);
            sink.write(PAGE);
        }
        var lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode record = new ObjectMapper().readTree(lines.get(0));
        assertThat(record.get("title").asText()).isEqualTo("T\u00e9");
        assertThat(record.get("status").asInt()).isEqualTo(200);
        assertThat(record.has("error") || record.has("redirect") || record.has("canonical"))
                .as("empty fields are left out").isFalse();
    }

    @Test
    void aStandardOutputThatFailsIsReportedAtTheFlush() throws IOException {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        var sink = JsonLinesSink.to(new PrintStream(broken, true, StandardCharsets.UTF_8));
        sink.write(PAGE);
        assertThatThrownBy(sink::flush).isInstanceOf(IOException.class)
                .hasMessageContaining("standard output failed");
    }
}
