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

import java.util.Set;

/**
 * What {@link Weft#waitTasks} returns: the tasks that finished and those still pending, each set
 * in the order the tasks were given.
 *
 * @param done tasks finished when the wait returned
 * @param pending tasks not finished when the wait returned
 * @param <K> the type of the tasks given, such as {@code Task<String>}, or {@code Task<?>} for
 *     tasks of several result types
 */
public record WaitResult<K extends Task<?>>(Set<K> done, Set<K> pending) {

    /** Copies the sets. */
    public WaitResult {
        done = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(done));
        pending = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(pending));
    }
}
