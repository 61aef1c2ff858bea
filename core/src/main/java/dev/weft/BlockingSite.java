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

package dev.weft;

import java.time.Duration;

/**
 * One place where a loop's thread was held longer than its watchdog allows, from
 * {@link Loop#blockingReport()}: typically a call that blocks the carrier instead of parking
 * (file I/O, DNS, a process pipe, a class initialiser, a native frame) or a long computation.
 *
 * @param site the first frame of the application's own code, where it called into the blocking
 *     code; the top frame when the whole stack is the JDK's
 * @param call the frame at the top of the stack while the loop was held: what was blocking
 * @param times how many times the loop was held there
 * @param total how long in all
 * @param longest the longest single hold
 */
public record BlockingSite(String site, String call, long times, Duration total,
        Duration longest) {}
