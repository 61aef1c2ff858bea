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
 * A block of code run inside a scope, such as {@link Weft#timeout} or {@link Weft#shield}, whose
 * checked exceptions pass through the scope unchanged: a body that throws nothing lets the scope
 * throw nothing more than its own outcome.
 *
 * @param <T> what the body returns
 * @param <X> what the body may throw
 */
@FunctionalInterface
public interface Body<T, X extends Exception> {

    /** Runs the body and returns its value. */
    T run() throws X;
}
