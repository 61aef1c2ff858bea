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
 * Thrown by a handler to answer with a status and a message instead of a 500: the server sends
 * {@code status} with the message as a plain-text body (or hands it to the error handler
 * registered for it), and does not report it as a failure.
 *
 * {@snippet :
 * Item item = store.get(id);
 * if (item == null) {
 *     throw new HttpException(404, "no item " + id);
 * }
 * }
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * An answer of {@code status} with {@code message} as its body.
     *
     * @throws IllegalArgumentException if the status is not between 400 and 599
     */
    public HttpException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HttpException answers with an error status "
                    + "(400-599), not " + status + "; send other statuses with Response.status");
        }
        this.status = status;
    }

    /** Returns the status the server answers with. */
    public int status() {
        return status;
    }
}
