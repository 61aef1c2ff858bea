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

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes one JSON object per line, with Jackson, to a file or to standard output. */
public final class JsonLinesSink implements PageSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;
    private final boolean closeOut;
    private final PrintStream stream;     // checked for errors, which a PrintStream never throws

    private JsonLinesSink(Writer out, boolean closeOut, PrintStream stream) {
        this.out = out;
        this.closeOut = closeOut;
        this.stream = stream;
    }

    /** Appends to {@code file}, creating it: a resumed crawl goes on in the same file. */
    public static JsonLinesSink appendingTo(Path file) throws IOException {
        return new JsonLinesSink(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, null);
    }

    /** Writes to {@code stream}, which it flushes but does not close. */
    public static JsonLinesSink to(PrintStream stream) {
        return new JsonLinesSink(new BufferedWriter(new OutputStreamWriter(stream,
                StandardCharsets.UTF_8)), false, stream);
    }

    @Override
    public void write(PageRecord page) throws IOException {
        out.write(JSON.writeValueAsString(page));
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        if (stream != null && stream.checkError()) {
            throw new IOException("standard output failed (a closed pipe or a full disk); "
                    + "the records since the last flush may be lost");
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        if (closeOut) {
            out.close();
        }
    }
}
