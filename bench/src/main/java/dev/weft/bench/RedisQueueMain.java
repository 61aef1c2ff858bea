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

/**
 * Runs W8 once in this JVM and prints one result line for {@link RedisQueueRunner}:
 * {@code RESULT <wall ns> <p50 latency ns> <p99 latency ns>}.
 *
 * <p>Usage: {@code RedisQueueMain weft|jedis|lettuce <port> <n>}, against a Redis on
 * 127.0.0.1 at {@code port}.
 */
public final class RedisQueueMain {
    private RedisQueueMain() {}

    /** Runs the variant named by the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: RedisQueueMain weft|jedis|lettuce <port> "
                    + "<n>; got " + String.join(" ", args));
        }
        var figures = RedisQueueWorkloads.run(RedisQueueWorkloads.Variant.parse(args[0]),
                Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        System.out.println("RESULT " + figures.wallNanos() + " " + figures.p50Nanos() + " "
                + figures.p99Nanos());
    }
}
