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

package dev.weft.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Weft;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PipeStreamsTest {
    private static final int SIZE = 3 * 1024 * 1024 + 17;   // many chunks, and a partial one

    @Test
    void mixedReadsOfAPipeReaderGiveEveryByteInOrder() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            byte[] input = randomBytes(seed, SIZE);
            var random = new Random(seed);
            byte[] read = Weft.run(() -> {
                var out = new ByteArrayOutputStream(SIZE);
                try (var reader = PipeReader.of(new ByteArrayInputStream(input), "input")) {
                    byte[] buffer = new byte[256 * 1024];
                    while (true) {
                        // small reads go through the reader's buffer, large ones straight past it
                        int want = random.nextBoolean() ? 1 + random.nextInt(100)
                                : 64 * 1024 + random.nextInt(192 * 1024);
                        int got = reader.read(buffer, 0, want);
                        if (got < 0) {
                            break;
                        }
                        assertThat(got).isBetween(1, want);
                        out.write(buffer, 0, got);
                    }
                }
                return out.toByteArray();
            });
            assertThat(Arrays.equals(read, input)).as("seed %d", seed).isTrue();
        }
    }

    @Test
    void aPipeWriterWritesWhatWasPassedEvenWhenTheCallerReusesItsArray() throws Exception {
        byte[] input = randomBytes(7, SIZE);
        var sink = new SlowSink();
        Weft.run(() -> {
            var writer = PipeWriter.of(sink, "sink");
            var random = new Random(7);
            byte[] reused = new byte[200 * 1024];
            for (int at = 0; at < input.length; ) {
                int count = Math.min(input.length - at, 1 + random.nextInt(reused.length));
                System.arraycopy(input, at, reused, 0, count);
                writer.write(reused, 0, count);
                Arrays.fill(reused, (byte) 0x5A);   // the chunks in flight must be copies
                at += count;
            }
            writer.close();
            return null;
        });
        assertThat(Arrays.equals(sink.bytes(), input)).isTrue();
    }

    private static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A sink that takes a little at a time, so that writers run chunks ahead of it. */
    private static final class SlowSink extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            for (int at = off; at < off + len; at += 4096) {
                bytes.write(b, at, Math.min(4096, off + len - at));
                Thread.yield();
            }
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
