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
package dev.weft.http;

/**
 * A message the parser refused: too long, malformed or ambiguous. The server answers it with
 * {@link #status()} (400, 413, 414, 431, 501 or 505) and closes the connection, since what
 * follows a bad message cannot be trusted to start a new one; the client throws it.
 */
public final class BadMessageException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A refusal that the server answers with {@code status}. */
    public BadMessageException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** Returns the status the server answers with. */
    public int status() {
        return status;
    }
}
