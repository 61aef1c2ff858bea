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

/**
 * A snapshot of a loop's counters, from {@link Loop#stats()}. Read from another thread while the
 * loop runs, the figures are each current but not taken at one instant.
 *
 * @param tasksAlive tasks spawned and not yet finished
 * @param tasksSpawned tasks spawned since the loop was created
 * @param tasksFinished tasks finished since the loop was created
 * @param timersPending timers waiting to fire, including those of sleeps and timeouts
 * @param remoteSubmissions pieces of work handed to the loop by other threads (JDK timers and
 *     pollers, other loops, plain threads); work made runnable by the loop's own tasks never
 *     counts here, as it takes a cheaper path
 * @param wakeUps how many of those found the loop thread asleep and had to wake it
 * @param runQueueLength about how many pieces of work wait to run now
 * @param busyRatio the share of the loop's life its thread spent running work rather than
 *     idling, from 0 to 1
 */
public record LoopStats(long tasksAlive, long tasksSpawned, long tasksFinished, int timersPending,
        long remoteSubmissions, long wakeUps, int runQueueLength, double busyRatio) {}
