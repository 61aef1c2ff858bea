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

/**
 * An error reply from Redis ({@code -ERR ...}, {@code -WRONGTYPE ...}, {@code -NOGROUP ...}):
 * the command reached the server and the server refused it. The connection stays usable.
 */
public final class RedisErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for the server's error text, and the command that caused it. */
    public RedisErrorException(String serverMessage, String command) {
        super(serverMessage + " (in reply to " + command + ")");
    }

    /** Returns whether the server's error text starts with {@code code}, such as "BUSYGROUP". */
    public boolean hasCode(String code) {
        return getMessage().startsWith(code + " ") || getMessage().startsWith(code + "\n");
    }
}
