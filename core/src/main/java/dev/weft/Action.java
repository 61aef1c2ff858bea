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
 * A task body that returns nothing and may throw, such as {@code () -> Thread.sleep(1000)}: what
 * {@link Runnable} would be if it could throw checked exceptions.
 */
@FunctionalInterface
public interface Action {

    /** Runs the body. */
    void run() throws Exception;
}
