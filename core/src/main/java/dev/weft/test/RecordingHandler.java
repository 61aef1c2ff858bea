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

package dev.weft.test;

import dev.weft.ExceptionHandler;
import dev.weft.Loop;
import dev.weft.LoopOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link ExceptionHandler} for tests that keeps every problem a loop reports, so a test can
 * assert that a failure was reported, or that none was.
 *
 * {@snippet :
 * var problems = new RecordingHandler();
 * try (var loop = new Loop(problems.options())) {
 *     loop.run(() -> ...);
 * }
 * assertThat(problems.messages()).isEmpty();
 * }
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
public final class RecordingHandler implements ExceptionHandler {
    /** One reported problem: the loop's message and the failure, if any. */
    public record Problem(String message, Throwable error) {}

    private final List<Problem> reported = new CopyOnWriteArrayList<>();

    /** Creates a handler that has recorded nothing. */
    public RecordingHandler() {}

    @Override
    public void handle(Loop loop, String message, Throwable error) {
        reported.add(new Problem(message, error));
    }

    /** Returns the problems reported so far, oldest first. */
    public List<Problem> reported() {
        return List.copyOf(reported);
    }

    /** Returns the messages of the problems reported so far, oldest first. */
    public List<String> messages() {
        return reported.stream().map(Problem::message).toList();
    }

    /** Returns default loop options with this handler. */
    public LoopOptions options() {
        return LoopOptions.defaults().withExceptionHandler(this);
    }
}
