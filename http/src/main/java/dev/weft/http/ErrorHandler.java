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
 * Answers a request whose handler threw {@code T}, in place of the default answer (the status
 * of an {@link HttpException}, a 500 for the rest).
 *
 * {@snippet :
 * Routes.builder()
 *         .error(NoSuchElementException.class, (request, response, error) ->
 *                 response.status(404).send(error.getMessage()))
 * }
 *
 * @param <T> the failures it answers
 */
@FunctionalInterface
public interface ErrorHandler<T extends Throwable> {
    /** Answers {@code request}, whose handler threw {@code error}. */
    void handle(Request request, Response response, T error) throws Exception;
}
