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

package dev.weft.redis;

/**
 * What a queue holds now, read from Redis in one go (so across every process using it), with
 * this process's own counts beside it.
 *
 * @param length entries in the stream (including those delivered and acknowledged but not yet
 *     trimmed)
 * @param pending entries delivered to a consumer of the group and not yet acknowledged
 * @param undelivered entries added that no consumer of the group has taken yet (Redis's lag;
 *     where Redis cannot count them, 1 stands for "some" and 0 for none)
 * @param consumers consumers the group knows of
 * @param deadLetters entries in the dead-letter stream
 * @param acknowledged entries this process acknowledged
 * @param failed handler failures this process recorded
 * @param redelivered entries this process took whose lease another consumer had let run out
 */
public record QueueSnapshot(long length, long pending, long undelivered, long consumers,
        long deadLetters, long acknowledged, long failed, long redelivered) {}
