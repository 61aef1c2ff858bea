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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The tests' redis-servers: a {@link LocalRedisServer}, and a clear failure when redis-server
 * is missing (./weft test and CI install it), unless {@code -Dweft.redis.optional=true} makes
 * the tests skip.
 */
final class TestRedis {
    private TestRedis() {}

    /** Starts a server with {@code configuration} added; see {@link LocalRedisServer#start}. */
    static LocalRedisServer start(String... configuration)
            throws IOException, InterruptedException {
        requireInstalled();
        return LocalRedisServer.start(configuration);
    }

    /**
     * Starts a TLS-only server with a certificate for {@code subjectAltName} (such as
     * "IP:127.0.0.1") made now with openssl in {@code keys}, as {@code cert.pem} and
     * {@code key.pem}.
     */
    static LocalRedisServer startTls(String subjectAltName, Path keys)
            throws IOException, InterruptedException {
        requireInstalled();
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048",
                "-nodes", "-keyout", keys.resolve("key.pem").toString(), "-out",
                keys.resolve("cert.pem").toString(), "-days", "2", "-subj", "/CN=weft-test",
                "-addext", "subjectAltName=" + subjectAltName).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        if (openssl.waitFor() != 0) {
            throw new IOException("openssl could not make a test certificate: " + output);
        }
        return LocalRedisServer.startTls(keys.resolve("cert.pem"), keys.resolve("key.pem"));
    }

    private static void requireInstalled() {
        boolean installed = LocalRedisServer.isInstalled();
        if (!installed && Boolean.getBoolean("weft.redis.optional")) {
            Assumptions.abort("redis-server is not installed");
        }
        if (!installed) {
            throw new IllegalStateException("these tests need redis-server: apt-get install -y "
                    + "redis-server (./weft test does it when it may)");
        }
    }
}
