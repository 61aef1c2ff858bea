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

package dev.weft.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * W8's Python reference: RQ (Debian's {@code python3-rq}) putting and running no-op jobs through
 * the same Redis. RQ is a job queue, not a stream consumer, and much slower, so it runs fewer
 * entries; its figure is a rate beside the others, not part of the ratio.
 */
final class RqReference {
    static final int JOBS = 2_000;
    private static final String PYTHON = "/usr/bin/python3";

    private RqReference() {}

    /** Whether Debian's python3 with RQ is installed. */
    static boolean isInstalled() throws InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            return new ProcessBuilder(PYTHON, "-c", "import rq").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@link #JOBS} jobs against the Redis at {@code port}; returns the wall time in ns. */
    static long run(int port) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("weft-w8-rq-");
        try {
            for (String script : List.of("w8_rq.py", "w8_rq_job.py")) {
                try (InputStream in = RqReference.class.getResourceAsStream(script)) {
                    if (in == null) {
                        throw new IOException(script + " is missing from the bench's resources");
                    }
                    Files.copy(in, dir.resolve(script));
                }
            }
            var builder = new ProcessBuilder(PYTHON, dir.resolve("w8_rq.py").toString(),
                    Integer.toString(port), Integer.toString(JOBS)).redirectErrorStream(true);
            builder.environment().put("PYTHONPATH", dir.toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            int exit = process.waitFor();
            String result = output.lines().filter(line -> line.startsWith("RESULT "))
                    .findFirst().orElse(null);
            if (exit != 0 || result == null) {
                throw new IOException("W8 on RQ failed (exit " + exit + "):\n" + output);
            }
            return Long.parseLong(result.substring(7).trim());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
