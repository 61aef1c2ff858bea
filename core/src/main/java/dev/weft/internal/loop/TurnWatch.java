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

package dev.weft.internal.loop;

/**
 * What a loop tells its watchdog about each turn: a step began, the loop went idle or busy, the
 * loop stopped. Loop thread only.
 *
 * <p>Not part of Weft's API.
 */
public interface TurnWatch {

    /** A task step, callback or timer is about to run. */
    void stepped();

    /** The loop is about to wait for work ({@code false}), or has work again ({@code true}). */
    void busy(boolean running);

    /** The loop's thread is ending. */
    void stopped();
}
