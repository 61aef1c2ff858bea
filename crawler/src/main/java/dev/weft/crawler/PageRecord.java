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
package dev.weft.crawler;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the crawl output says of one URL, one JSON line each: fetched or failed, never left out.
 *
 * @param url the normalized URL
 * @param depth how many links from a seed
 * @param status the HTTP status of the last attempt, or 0 if none got an answer
 * @param title the HTML title, or null
 * @param canonical the page's canonical URL when it names one, or null
 * @param contentType the {@code Content-Type}, or null
 * @param bytes how many body bytes were read
 * @param links how many in-scope links the page had
 * @param redirect where a redirect pointed, or null
 * @param attempts how many requests it took
 * @param fetchMillis how long the last attempt took, in milliseconds
 * @param error what went wrong (its kind, a colon, the detail), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageRecord(String url, int depth, int status, String title, String canonical,
        String contentType, long bytes, int links, String redirect, int attempts,
        double fetchMillis, String error) {
    /** The kind of the error: the part before its colon, or null if there is none. */
    public String errorKind() {
        if (error == null) {
            return null;
        }
        int colon = error.indexOf(':');
        return colon < 0 ? error : error.substring(0, colon);
    }
}
