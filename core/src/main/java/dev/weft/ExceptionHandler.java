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
 * Receives what a loop cannot throw to anyone: failures of tasks nobody observed, failing
 * callbacks and timers, and tasks that {@link Loop#run} had to cancel.
 *
 * <p>It is called on the loop's thread or on the thread that closes the loop, so it should return
 * quickly and must not block. It must not throw; if it does, the loop logs both problems through
 * {@link System.Logger}.
 *
 * {@snippet :
 * var problems = new java.util.concurrent.CopyOnWriteArrayList<String>();
 * var options = LoopOptions.defaults()
 *         .withExceptionHandler((loop, message, error) -> problems.add(message));
 * }
 */
@FunctionalInterface
public interface ExceptionHandler {

    /**
     * Handles one problem.
     *
     * @param loop the loop where it happened
     * @param message what happened, naming the task or callback
     * @param error the failure, or null when the problem is not an exception
     */
    void handle(Loop loop, String message, Throwable error);

    /** Returns the default handler: a {@link System.Logger} named {@code dev.weft} at WARNING. */
    static ExceptionHandler logging() {
        return LoggingExceptionHandler.INSTANCE;
    }
}
