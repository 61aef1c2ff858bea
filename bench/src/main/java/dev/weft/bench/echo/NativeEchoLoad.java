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

package dev.weft.bench.echo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * W4's preferred load client: {@code echoload.c}, a one-thread C/epoll client (shipped as a
 * resource of this module), built with the machine's C compiler on first use and cached in the
 * temporary directory under the hash of its source. It drives a one-core server harder than
 * the Java client {@link EchoLoadMain}, so that the client is not what a W4 figure measures;
 * without a C compiler, W4 falls back to the Java client and says so.
 */
public final class NativeEchoLoad {
    private static final String SOURCE = "echoload.c";

    private final Path binary;

    private NativeEchoLoad(Path binary) {
        this.binary = binary;
    }

    /**
     * Returns the built client, building it first if needed, or empty when no C compiler
     * ({@code cc} or {@code gcc} on the PATH) is present.
     *
     * @throws IOException if the compiler is present but the build fails (its output is in
     *     the message)
     */
    public static Optional<NativeEchoLoad> build() throws IOException, InterruptedException {
        Optional<Path> compiler = findCompiler();
        if (compiler.isEmpty()) {
            return Optional.empty();
        }
        byte[] source;
        try (InputStream in = NativeEchoLoad.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException(SOURCE + " is missing from the bench module's resources");
            }
            source = in.readAllBytes();
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "weft-echoload-" + hash(source));
        Path binary = dir.resolve("echoload");
        if (Files.isExecutable(binary)) {
            return Optional.of(new NativeEchoLoad(binary));
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(SOURCE);
        Files.write(file, source);
        // Built under another name and moved into place, so that a build cut short never
        // leaves a binary that looks complete.
        Path partial = dir.resolve("echoload.partial");
        Process cc = new ProcessBuilder(compiler.get().toString(), "-O2", "-Wall", "-o",
                partial.toString(), file.toString()).redirectErrorStream(true).start();
        String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cc.waitFor() != 0) {
            throw new IOException("building " + SOURCE + " with " + compiler.get()
                    + " failed:\n" + output);
        }
        Files.move(partial, binary, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return Optional.of(new NativeEchoLoad(binary));
    }

    /**
     * Runs the load against 127.0.0.1:{@code port} and returns messages per second, p50 and
     * p99 in nanoseconds (the client measures in whole microseconds).
     *
     * @param pinning the command prefix that pins the client to a core, or an empty list
     * @throws IOException if the client fails; its output is in the message
     */
    public long[] run(List<String> pinning, int port, int connections, int warmUpSeconds,
            int seconds) throws IOException, InterruptedException {
        var command = new ArrayList<>(pinning);
        command.addAll(List.of(binary.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-c", Integer.toString(connections), "-w", Integer.toString(warmUpSeconds), "-d",
                Integer.toString(seconds), "-s", Integer.toString(EchoServerMain.MESSAGE)));
        Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!client.waitFor(warmUpSeconds + seconds + 30L, TimeUnit.SECONDS)) {
            client.destroyForcibly();
        }
        String line = output.lines().filter(l -> l.startsWith("msgs_per_s=")).findFirst()
                .orElseThrow(() -> new IOException("echoload failed against port " + port
                        + ":\n" + output));
        long rate = field(line, "msgs_per_s");
        return new long[] {rate, field(line, "p50_us") * 1_000, field(line, "p99_us") * 1_000};
    }

    private static long field(String line, String name) {
        for (String pair : line.trim().split(" ")) {
            if (pair.startsWith(name + "=")) {
                return Long.parseLong(pair.substring(name.length() + 1));
            }
        }
        throw new IllegalArgumentException("echoload printed no " + name + ": " + line);
    }

    private static Optional<Path> findCompiler() {
        for (String name : List.of("cc", "gcc")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String hash(byte[] source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
