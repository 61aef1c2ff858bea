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

package dev.weft.net;

import java.io.IOException;

/**
 * Thrown by {@link TcpConnection#readLine} and {@link TcpConnection#readUntil} when the peer sent
 * more than the limit without the delimiter: asyncio's {@code LimitOverrunError}. The bytes stay
 * unread, so the caller may skip them or close the connection.
 */
public final class LimitOverrunException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the limit. */
    public LimitOverrunException(String message) {
        super(message);
    }
}
