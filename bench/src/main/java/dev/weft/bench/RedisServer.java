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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A redis-server that W8 starts for itself: on 127.0.0.1, a free port, a directory of its own,
 * nothing saved to disk ({@code --save "" --appendonly no}), so that every figure measures the
 * network path and the server's work, never a disk. {@link #close()} stops it and removes the
 * directory.
 */
final class RedisServer implements AutoCloseable {
    /** What to print when redis-server is missing: what needs it, and how to install it. */
    static final String MISSING = "redis-server is not on the PATH; W8 needs it "
            + "(apt-get install -y redis-server), so it is skipped";

    private final Process process;
    private final Path dir;
    private final int port;

    private RedisServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Returns whether a {@code redis-server} executable is on the PATH. */
    static boolean isInstalled() {
        return executable().isPresent();
    }

    /**
     * Starts a server and waits until it accepts connections.
     *
     * @throws IllegalStateException if redis-server is not on the PATH (see {@link #MISSING})
     * @throws IOException if it does not start within 30 s; the message holds its log
     */
    static RedisServer start() throws IOException, InterruptedException {
        Path redisServer = executable().orElseThrow(() -> new IllegalStateException(MISSING));
        Path dir = Files.createTempDirectory("weft-bench-redis-");
        int port = freePort();
        Process process = new ProcessBuilder(List.of(redisServer.toString(), "--port",
                Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", ""))
                .redirectErrorStream(true).start();
        var server = new RedisServer(process, dir, port);
        try {
            server.awaitReady();
            return server;
        } catch (IOException | InterruptedException | RuntimeException notStarted) {
            server.close();
            throw notStarted;
        }
    }

    /** Returns the port the server listens on, on 127.0.0.1. */
    int port() {
        return port;
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and removes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public String toString() {
        return "RedisServer[127.0.0.1:" + port + (process.isAlive() ? "" : ", stopped") + "]";
    }

    /** Reads the server's log until it says it is ready; the log must be drained anyway. */
    private void awaitReady() throws IOException, InterruptedException {
        var ready = new CountDownLatch(1);
        var log = new StringBuffer();
        Thread.ofPlatform().daemon(true).name("redis-server log").start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    log.append(line).append('\n');
                    if (line.contains("Ready to accept connections")) {
                        ready.countDown();
                    }
                }
            } catch (IOException serverGone) {
                // the pipe closed with the server; awaitReady sees that it is not alive
            }
            ready.countDown();
        });
        if (!ready.await(30, TimeUnit.SECONDS) || !process.isAlive()) {
            throw new IOException("redis-server did not start on 127.0.0.1:" + port + "; its log:\n"
                    + log);
        }
    }

    private static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int freePort() throws IOException {
        // Another process may take the port before redis-server binds it; rare on a bench
        // machine, and the start then fails with the server's log saying so.
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
