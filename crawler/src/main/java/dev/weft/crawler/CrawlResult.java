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

/**
 * How a crawl ended.
 *
 * @param stats the totals of this run (a resumed crawl counts from where it resumed)
 * @param seconds how long it ran, on the loop's clock
 * @param queued how many URLs were left in the frontier: 0 for a crawl that finished, more for
 *     one stopped by a signal, a time limit or the page limit
 * @param stopped whether it was stopped before its frontier ran out
 */
public record CrawlResult(CrawlStats stats, double seconds, int queued, boolean stopped) {}
