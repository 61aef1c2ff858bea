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

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.redis.LocalRedisServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs W8 once on every variant with a few entries, so that none of them rots. */
class RedisQueueSmokeTest {
    private static LocalRedisServer server;

    @BeforeAll
    static void startRedis() throws Exception {
        Assumptions.assumeTrue(LocalRedisServer.isInstalled(), RedisQueueRunner.MISSING);
        server = LocalRedisServer.start("--appendonly", "no");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(RedisQueueWorkloads.Variant.class)
    void everyVariantPutsTakesAndAcksEveryEntry(RedisQueueWorkloads.Variant variant)
            throws Exception {
        var figures = RedisQueueWorkloads.run(variant, server.port(), 200);

        assertThat(figures.wallNanos()).isPositive();
        assertThat(figures.p50Nanos()).isPositive();
        assertThat(figures.p99Nanos()).isGreaterThanOrEqualTo(figures.p50Nanos());
    }

    @Test
    void anEntryIs32BytesAndGivesBackItsPutTime() {
        String entry = RedisQueueWorkloads.stamped(123_456_789L);

        assertThat(entry.getBytes(StandardCharsets.UTF_8)).hasSize(32);
        assertThat(RedisQueueWorkloads.sentAt(entry)).isEqualTo(123_456_789L);
    }
}
