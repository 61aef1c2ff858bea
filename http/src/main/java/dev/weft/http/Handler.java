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
 * Answers one request: plain blocking Java in the connection's task, which parks (and lets the
 * loop run others) wherever it waits.
 *
 * {@snippet :
 * Routes routes = Routes.builder()
 *         .get("/hello/{name}", (request, response) ->
 *                 response.send("hello, " + request.pathParam("name")))
 *         .build();
 * }
 *
 * <p>A handler that returns without sending sends its response's status with an empty body.
 * One that throws {@link HttpException} answers with that status; any other failure is a 500
 * to the client and a report to the loop's exception handler.
 */
@FunctionalInterface
public interface Handler {
    /** Answers {@code request} through {@code response}. */
    void handle(Request request, Response response) throws Exception;
}
