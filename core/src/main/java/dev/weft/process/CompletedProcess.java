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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A process that has ended, with what it wrote: Python's {@code CompletedProcess}. The byte
 * arrays are those read (empty for a stream that was not piped); they are not copied.
 *
 * @param command the program and its arguments
 * @param exitCode the exit code; 128 plus the signal's number for a process a signal ended
 * @param stdout what the process wrote to its standard output
 * @param stderr what the process wrote to its standard error
 */
public record CompletedProcess(List<String> command, int exitCode, byte[] stdout, byte[] stderr) {
    /** How much of stderr a failure message quotes, from its end. */
    private static final int STDERR_TAIL = 1000;

    /** Checks the components and copies the command. */
    public CompletedProcess {
        command = List.copyOf(command);
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** Returns the standard output as UTF-8 text. */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Returns the standard error as UTF-8 text. */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /**
     * Returns this if the process exited with 0: Python's {@code check=True}.
     *
     * @throws ProcessFailedException otherwise, with the exit code and the end of stderr in
     *     its message
     */
    public CompletedProcess check() {
        if (exitCode != 0) {
            String text = stderrText().strip();
            String tail = text.length() > STDERR_TAIL
                    ? "..." + text.substring(text.length() - STDERR_TAIL) : text;
            throw new ProcessFailedException(this, "command " + command + " exited with "
                    + exitCode + (tail.isEmpty() ? " and wrote nothing to stderr"
                    : "; the end of its stderr:\n" + tail));
        }
        return this;
    }

    @Override
    public String toString() {
        return "CompletedProcess[" + command + ", exit " + exitCode + ", " + stdout.length
                + " bytes out, " + stderr.length + " bytes err]";
    }
}
