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
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real redis-server for a test: on 127.0.0.1, a free port, its own directory; stopped by
 * {@link #close()}. Tests that need one fail with a clear message when redis-server is missing
 * (./weft test and CI install it), unless {@code -Dweft.redis.optional=true} makes them skip.
 */
final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final List<String> extra;
    private Process process;

    private RedisServer(Path dir, int port, List<String> extra) {
        this.dir = dir;
        this.port = port;
        this.extra = extra;
    }

    /** Starts a server with {@code extra} configuration words, such as "--appendonly", "yes". */
    static RedisServer start(String... extra) throws IOException {
        requireInstalled();
        var server = new RedisServer(Files.createTempDirectory("weft-redis-"), freePort(),
                List.of(extra));
        server.launch();
        return server;
    }

    /**
     * Starts a server that speaks TLS only, on its port, with a certificate for
     * {@code subjectAltName} (such as "IP:127.0.0.1") made now with openssl; the certificate is
     * {@code dir/cert.pem}.
     */
    static RedisServer startTls(String subjectAltName) throws IOException, InterruptedException {
        requireInstalled();
        Path dir = Files.createTempDirectory("weft-redis-tls-");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048",
                "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out",
                dir.resolve("cert.pem").toString(), "-days", "2", "-subj", "/CN=weft-test",
                "-addext", "subjectAltName=" + subjectAltName).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        if (openssl.waitFor() != 0) {
            throw new IOException("openssl could not make a test certificate: " + output);
        }
        int port = freePort();
        var server = new RedisServer(dir, port, List.of("--port", "0", "--tls-port",
                Integer.toString(port), "--tls-cert-file", dir.resolve("cert.pem").toString(),
                "--tls-key-file", dir.resolve("key.pem").toString(), "--tls-auth-clients", "no"));
        server.launch();
        return server;
    }

    static void requireInstalled() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/redis-server"))
                || Files.isExecutable(Path.of("/usr/local/bin/redis-server"));
        if (!installed && Boolean.getBoolean("weft.redis.optional")) {
            Assumptions.abort("redis-server is not installed");
        }
        if (!installed) {
            throw new IllegalStateException("these tests need redis-server: apt-get install -y "
                    + "redis-server (./weft test does it when it may)");
        }
    }

    int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    RedisConfig config() {
        return RedisConfig.of("127.0.0.1", port);
    }

    /** Stops the server as a crash would (SIGKILL) or gracefully, and starts it again on the same port. */
    void restart(boolean crash) throws IOException, InterruptedException {
        stop(crash);
        launch();
    }

    void stop(boolean crash) throws InterruptedException {
        if (crash) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop(true);
        }
    }

    private void launch() throws IOException {
        var argv = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "",
                "--daemonize", "no", "--logfile", ""));
        argv.addAll(extra);
        process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        var ready = new CountDownLatch(1);
        var log = new StringBuilder();
        Thread.ofPlatform().daemon(true).name("redis-server log").start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("Ready to accept connections")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ended) {
                // the server is gone; its exit is seen below
            }
            ready.countDown();
        });
        try {
            if (!ready.await(30, TimeUnit.SECONDS) || !process.isAlive()) {
                synchronized (log) {
                    throw new IOException("redis-server did not start on port " + port + ": "
                            + log);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while redis-server started", e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
