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
 * Waiting and parking: the one park ({@link dev.weft.internal.park.Parking}) that every blocking
 * call of Weft goes through, the typed parties (tasks and threads) and targets of a wait, the
 * wait lists of primitives, and the deadlock walk. Depends on the JDK, the scheduler hook, the
 * JFR events, and {@code dev.weft.DeadlockException}.
 * Not exported; not part of Weft's API.
 */
package dev.weft.internal.park;
