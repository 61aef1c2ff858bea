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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script that runs on the server by its SHA-1 ({@code EVALSHA}), so that a frequent call
 * (a lease renewal, a trim) does not send the whole script each time; a server that does not
 * know it yet (new, restarted, flushed) gets it once through {@code EVAL}.
 */
final class ServerScript {
    private final String source;
    private final String sha;

    ServerScript(String source) {
        this.source = source;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-1, which Redis names scripts by",
                    e);
        }
    }

    /** Runs the script with {@code keys} and {@code arguments}; returns its reply. */
    Object run(Redis redis, List<?> keys, List<?> arguments) throws IOException {
        try {
            return redis.call(command("EVALSHA", sha, keys, arguments));
        } catch (RedisErrorException e) {
            if (!e.hasCode("NOSCRIPT")) {
                throw e;
            }
            return redis.call(command("EVAL", source, keys, arguments));
        }
    }

    private static Object[] command(String verb, String script, List<?> keys,
            List<?> arguments) {
        var words = new ArrayList<Object>(3 + keys.size() + arguments.size());
        words.add(verb);
        words.add(script);
        words.add(keys.size());
        words.addAll(keys);
        words.addAll(arguments);
        return words.toArray();
    }
}
