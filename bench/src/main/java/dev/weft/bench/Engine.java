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

package dev.weft.bench;

/**
 * What runs a workload: Weft on one loop, or JDK virtual threads on the default scheduler. (Not
 * named Runtime, to keep {@code java.lang.Runtime} in sight.)
 */
public enum Engine {
    /** Weft tasks on one loop. */
    WEFT,
    /**
     * JDK virtual threads on the default scheduler; the runner limits it to one carrier with
     * {@code -Djdk.virtualThreadScheduler.parallelism=1} and
     * {@code -Djdk.virtualThreadScheduler.maxPoolSize=1}.
     */
    JDK;

    static Engine parse(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
