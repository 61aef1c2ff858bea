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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Weft;
import dev.weft.exec.Offload;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisConnectionTest {

    @Test
    void aServerThatIsDownAtStartIsAnErrorNamingItsAddress() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();   // free once closed: nobody listens there
        }
        RedisConfig config = RedisConfig.of("127.0.0.1", port);
        assertThatThrownBy(() -> Weft.run(() -> Redis.connect(config)))
                .cause().isInstanceOf(RedisConnectException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("is redis-server running there");
    }

    @Test
    void aPasswordIsUsedAndAWrongOneIsAClearErrorNotAHang() throws Exception {
        try (var server = TestRedis.start("--requirepass", "s3cret-pass")) {
            RedisConfig right = server.config().withPassword(null, "s3cret-pass");
            assertThat(Weft.run(() -> {
                try (Redis redis = Redis.connect(right)) {
                    return redis.call("PING");
                }
            })).isEqualTo("PONG");
            assertThat(right.toString()).doesNotContain("s3cret-pass");

            RedisConfig wrong = server.config().withPassword(null, "not-it");
            assertThatThrownBy(() -> Weft.run(() -> Redis.connect(wrong)))
                    .cause().isInstanceOf(RedisConnectException.class)
                    .hasMessageContaining("refused")
                    .hasMessageContaining("RedisConfig.withPassword")
                    .hasMessageNotContaining("not-it");

            assertThatThrownBy(() -> Weft.run(() -> Redis.connect(server.config())))
                    .cause().isInstanceOf(RedisConnectException.class)
                    .hasMessageContaining("NOAUTH");
        }
    }

    @Test
    void anAclUserAuthenticatesWithItsOwnPassword() throws Exception {
        try (var server = TestRedis.start()) {
            Weft.run(() -> {
                try (Redis admin = Redis.connect(server.config())) {
                    admin.call("ACL", "SETUSER", "worker", "on", ">worker-pass", "~*", "+@all");
                }
                try (Redis worker = Redis.connect(server.config()
                        .withPassword("worker", "worker-pass"))) {
                    assertThat(worker.call("ACL", "WHOAMI")).isEqualTo(
                            "worker".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                return null;
            });
        }
    }

    @Test
    void tlsWorksWithATrustedCertificateThatNamesTheHost(@TempDir Path keys) throws Exception {
        try (var server = TestRedis.startTls("IP:127.0.0.1", keys)) {
            RedisConfig config = server.config().withTls(trusting(keys));
            Object reply = Weft.run(() -> {
                try (Redis redis = Redis.connect(config);
                        var queue = RedisQueue.open(redis, "secure", "g", Codec.utf8())) {
                    queue.put("over TLS");
                    Delivery<String> delivery = queue.take();
                    delivery.ack();
                    return delivery.value();
                }
            });
            assertThat(reply).isEqualTo("over TLS");
            assertThatThrownBy(() -> Weft.run(() -> Redis.connect(server.config())))
                    .cause().isInstanceOf(RedisConnectException.class)
                    .hasMessageContaining(server.config().address());
        }
    }

    @Test
    void tlsRefusesACertificateForAnotherHost(@TempDir Path keys) throws Exception {
        try (var server = TestRedis.startTls("DNS:elsewhere.example", keys)) {
            RedisConfig config = server.config().withTls(trusting(keys));
            assertThatThrownBy(() -> Weft.run(() -> Redis.connect(config)))
                    .cause().isInstanceOf(RedisConnectException.class)
                    .hasMessageContaining("cannot connect to Redis at 127.0.0.1:")
                    .hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
        }
    }

    private static SSLContext trusting(Path dir) throws Exception {
        var trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (var in = Files.newInputStream(dir.resolve("cert.pem"))) {
            trusted.setCertificateEntry("redis", CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        var context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void anErrorReplyIsThrownAndTheConnectionStaysUsable() throws Exception {
        try (var server = TestRedis.start()) {
            Weft.run(() -> {
                try (Redis redis = Redis.connect(server.config())) {
                    redis.call("SET", "k", "text");
                    assertThatThrownBy(() -> redis.call("INCR", "k"))
                            .isInstanceOf(RedisErrorException.class)
                            .hasMessageContaining("not an integer")
                            .hasMessageContaining("INCR k");
                    assertThat(redis.call("INCR", "n")).isEqualTo(1L);
                    redis.call("SET", "big", Long.toString(Long.MAX_VALUE - 1));
                    assertThat(redis.call("INCR", "big")).isEqualTo(Long.MAX_VALUE);
                    redis.call("SET", "small", Long.toString(Long.MIN_VALUE + 1));
                    assertThat(redis.call("DECR", "small")).isEqualTo(Long.MIN_VALUE);
                    List<Object> replies = redis.pipeline(List.of(List.of("INCR", "n"),
                            List.of("INCR", "k"), List.of("GET", "missing")));
                    assertThat(replies.get(0)).isEqualTo(2L);
                    assertThat(replies.get(1)).isInstanceOf(RedisErrorException.class);
                    assertThat(replies.get(2)).isNull();
                }
                return null;
            });
        }
    }

    @Test
    void aBlockedReadOnItsOwnConnectionDelaysNoOtherCommand() throws Exception {
        try (var server = TestRedis.start()) {
            long commandsWhileBlocked = Weft.run(() -> {
                try (Redis redis = Redis.connect(server.config());
                        var queue = RedisQueue.open(redis, "quiet", "g", Codec.utf8(),
                                QueueOptions.defaults().withBlockFor(Duration.ofSeconds(2)))) {
                    var taker = Weft.spawn(() -> queue.take().value());
                    long count = 0;
                    long start = System.nanoTime();
                    while (System.nanoTime() - start < Duration.ofMillis(300).toNanos()) {
                        redis.call("INCR", "counter");
                        count++;
                    }
                    queue.put("done");
                    assertThat(taker.result()).isEqualTo("done");
                    return count;
                }
            });
            // Behind a 2 s blocking read on a shared connection, not one would have run.
            assertThat(commandsWhileBlocked).isGreaterThan(10);
        }
    }

    @Test
    void commandsCarryOnAcrossARestartOfTheServer() throws Exception {
        try (var server = TestRedis.start("--appendonly", "yes", "--appendfsync", "always")) {
            Set<String> seen = Weft.run(() -> {
                try (Redis redis = Redis.connect(server.config());
                        var queue = RedisQueue.open(redis, "durable", "g", Codec.utf8(),
                                QueueOptions.defaults().withLease(Duration.ofMillis(500))
                                        .withBlockFor(Duration.ofMillis(50)))) {
                    var got = new HashSet<String>();
                    var ids = new ArrayList<String>();
                    for (int i = 0; i < 200; i++) {
                        ids.add(queue.put("before " + i));
                    }
                    for (int i = 0; i < 100; i++) {
                        Delivery<String> delivery = queue.take();
                        got.add(delivery.value());
                        delivery.ack();
                    }
                    // A crash: what was acknowledged and added was fsynced, and must survive.
                    Offload.run(() -> server.restart(true));
                    for (int i = 0; i < 50; i++) {
                        queue.put("after " + i);
                    }
                    while (got.size() < 250) {
                        Delivery<String> delivery = queue.take();
                        assertThat(got.add(delivery.value())).as("once: %s", delivery.value())
                                .isTrue();
                        delivery.ack();
                    }
                    queue.join();
                    return got;
                }
            });
            assertThat(seen).hasSize(250);
        }
    }
}
