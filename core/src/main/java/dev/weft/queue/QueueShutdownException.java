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

package dev.weft.queue;

/**
 * Thrown by a queue that was {@linkplain JoinableQueue#shutdown() shut down}: to producers at
 * once, and to consumers once the queue is empty, so that consumer loops end cleanly. Python's
 * {@code QueueShutDown}.
 *
 * {@snippet :
 * try {
 *     while (true) {
 *         handle(queue.take());
 *         queue.taskDone();
 *     }
 * } catch (QueueShutdownException done) {
 *     // the producers are finished and the queue is drained
 * }
 * }
 */
public final class QueueShutdownException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the queue. */
    public QueueShutdownException(String message) {
        super(message);
    }
}
