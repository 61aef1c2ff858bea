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

package dev.weft.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} of this machine, started for tests, demos and benchmarks: on
 * 127.0.0.1, a free port, a temporary directory of its own, nothing saved unless the
 * configuration asks ({@code --save ""}). {@link #close()} stops it and removes the directory.
 *
 * {@snippet :
 * try (var server = LocalRedisServer.start("--appendonly", "yes")) {
 *     Weft.run(() -> {
 *         try (Redis redis = Redis.connect(server.config())) {
 *             ...
 *         }
 *     });
 * }
 * }
 *
 * <p><b>Threads:</b> start and stop it from a plain thread (a test's set-up, a {@code main}):
 * starting a process and waiting for it to listen would hold a loop.
 */
public final class LocalRedisServer implements AutoCloseable {
    private static final String MISSING = "redis-server is not on the PATH; install it "
            + "(apt-get install -y redis-server)";

    private final List<String> argv;
    private final Path directory;
    private final int port;
    private Process process;

    private LocalRedisServer(List<String> argv, Path directory, int port) {
        this.argv = argv;
        this.directory = directory;
        this.port = port;
    }

    /** Returns whether a {@code redis-server} executable is on the PATH. */
    public static boolean isInstalled() {
        return executable().isPresent();
    }

    /**
     * Starts a server with {@code configuration} added to its command line (such as
     * {@code "--appendonly", "yes"} or {@code "--requirepass", secret}), and waits until it
     * accepts connections.
     *
     * @throws IllegalStateException if redis-server is not on the PATH
     * @throws IOException if it does not start within 30 s; the message holds its log
     */
    public static LocalRedisServer start(String... configuration)
            throws IOException, InterruptedException {
        int port = freePort();
        return launch(List.of("--port", Integer.toString(port)), port, configuration);
    }

    /**
     * Starts a server that speaks TLS only, on its port, with {@code certificate} and
     * {@code key} (PEM files) and no client certificates asked for; see {@link #start}.
     */
    public static LocalRedisServer startTls(Path certificate, Path key, String... configuration)
            throws IOException, InterruptedException {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        int port = freePort();
        return launch(List.of("--port", "0", "--tls-port", Integer.toString(port),
                "--tls-cert-file", certificate.toString(), "--tls-key-file", key.toString(),
                "--tls-auth-clients", "no"), port, configuration);
    }

    /** Returns the port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Returns the server's directory (its data and append-only files). */
    public Path directory() {
        return directory;
    }

    /** Returns a config for this server, without AUTH or TLS. */
    public RedisConfig config() {
        return RedisConfig.of("127.0.0.1", port);
    }

    /**
     * Stops the server, as a crash would (SIGKILL) or gracefully (SIGTERM), and starts it again
     * on the same port and directory, so that what it persisted is loaded again.
     */
    public void restart(boolean crash) throws IOException, InterruptedException {
        stop(crash);
        run();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and removes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            stop(false);
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public String toString() {
        return "LocalRedisServer[127.0.0.1:" + port
                + (process != null && process.isAlive() ? "" : ", stopped") + "]";
    }

    private static LocalRedisServer launch(List<String> listening, int port,
            String... configuration) throws IOException, InterruptedException {
        Path executable = executable().orElseThrow(() -> new IllegalStateException(MISSING));
        Path directory = Files.createTempDirectory("weft-redis-");
        var argv = new ArrayList<>(List.of(executable.toString(), "--bind", "127.0.0.1",
                "--dir", directory.toString(), "--save", "", "--daemonize", "no",
                "--logfile", ""));
        argv.addAll(listening);
        argv.addAll(List.of(configuration));   // last: redis-server takes the last of a setting
        var server = new LocalRedisServer(List.copyOf(argv), directory, port);
        try {
            server.run();
            return server;
        } catch (IOException | InterruptedException | RuntimeException notStarted) {
            server.close();
            throw notStarted;
        }
    }

    /** Starts the process and reads its log until it is ready; the log is drained after. */
    private void run() throws IOException, InterruptedException {
        process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        Process started = process;
        var ready = new CountDownLatch(1);
        var log = new StringBuffer();
        Thread.ofPlatform().daemon(true).name("redis-server log").start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (ready.getCount() > 0) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("Ready to accept connections")) {
                        ready.countDown();
                    }
                }
            } catch (IOException serverGone) {
                // the pipe closed with the server; run() sees that it is not alive
            }
            ready.countDown();
        });
        if (!ready.await(30, TimeUnit.SECONDS) || !started.isAlive()) {
            throw new IOException("redis-server did not start on 127.0.0.1:" + port
                    + "; its log:\n" + log);
        }
    }

    private void stop(boolean crash) throws InterruptedException {
        if (crash) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int freePort() throws IOException {
        // Another process may take the port before redis-server binds it: rare on a test
        // machine, and the start then fails with the server's log saying so.
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
