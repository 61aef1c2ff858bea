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
/**
 * HTTP/1.1 on Weft's loops: {@link dev.weft.http.HttpServer} runs blocking handlers, one task
 * per connection, on the loop's own sockets, with strict parsing and explicit limits.
 *
 * <p>Every wait in this package (a read of a request, a write to a slow client) parks the task
 * and is a {@linkplain dev.weft cancellation point}; every time limit runs on the loop's
 * clock.
 */
package dev.weft.http;
