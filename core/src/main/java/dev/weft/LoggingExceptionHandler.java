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

/** The default {@link ExceptionHandler}: a WARNING on the {@code dev.weft} system logger. */
enum LoggingExceptionHandler implements ExceptionHandler {
    INSTANCE;

    @Override
    public void handle(Loop loop, String message, Throwable error) {
        System.Logger logger = Logger.INSTANCE;
        if (error == null) {
            logger.log(System.Logger.Level.WARNING, "[" + loop.name() + "] " + message);
        } else {
            logger.log(System.Logger.Level.WARNING, "[" + loop.name() + "] " + message, error);
        }
    }

    /** Found on first use: looking up a logger costs milliseconds a loop should not pay. */
    private static final class Logger {
        static final System.Logger INSTANCE = System.getLogger("dev.weft");
    }
}
