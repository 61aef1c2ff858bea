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
 * Runs around the handlers of a server: for logging, authentication, headers every response
 * carries. A filter calls {@link Chain#proceed()} to run the rest (the other filters, then the
 * handler), and may answer by itself instead.
 *
 * {@snippet :
 * Filter auth = (request, response, chain) -> {
 *     if (request.header("Authorization").isEmpty()) {
 *         response.status(401).send("log in first");
 *         return;
 *     }
 *     chain.proceed();
 * };
 * }
 */
@FunctionalInterface
public interface Filter {
    /** Filters one exchange; calls {@code chain.proceed()} to go on. */
    void filter(Request request, Response response, Chain chain) throws Exception;

    /** The rest of the filters and the handler, for a filter to run. */
    @FunctionalInterface
    interface Chain {
        /** Runs the next filter, or the handler after the last. */
        void proceed() throws Exception;
    }
}
