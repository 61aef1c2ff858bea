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

package dev.weft.process;

/**
 * Thrown by {@link CompletedProcess#check()} for a process that exited with a code other than 0:
 * Python's {@code CalledProcessError}. The process and what it wrote come with it.
 */
public final class ProcessFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient CompletedProcess process;

    ProcessFailedException(CompletedProcess process, String message) {
        super(message);
        this.process = process;
    }

    /** Returns the process that failed, with its exit code and output. */
    public CompletedProcess process() {
        return process;
    }

    /** Returns the exit code of the process. */
    public int exitCode() {
        return process.exitCode();
    }
}
