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

import java.util.Map;

/**
 * A moment of a running crawl, for the progress line.
 *
 * @param pages pages recorded, failures included
 * @param queued URLs waiting in the frontier
 * @param errors pages that failed
 * @param bytes body bytes read
 * @param seconds time since the crawl started, on the loop's clock
 * @param inFlightByHost requests in flight, by host
 */
public record CrawlProgress(int pages, int queued, int errors, long bytes, double seconds,
        Map<String, Integer> inFlightByHost) {
    /** Pages per second since the start. */
    public double rate() {
        return seconds > 0 ? pages / seconds : 0;
    }
}
