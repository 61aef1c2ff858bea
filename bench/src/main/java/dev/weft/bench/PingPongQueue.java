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

import dev.weft.queue.FifoQueue;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;

/** The queues W3 passes its token through. */
public enum PingPongQueue {
    /** Weft's own {@link FifoQueue} with room for one item. */
    WEFT_FIFO,
    /** The JDK's {@link ArrayBlockingQueue} with room for one item. */
    ARRAY,
    /** The JDK's {@link SynchronousQueue}: a rendezvous. */
    SYNCHRONOUS;

    /** Returns a new, empty queue of this kind. */
    public BlockingQueue<Integer> create() {
        return switch (this) {
            case WEFT_FIFO -> new FifoQueue<>(1);
            case ARRAY -> new ArrayBlockingQueue<>(1);
            case SYNCHRONOUS -> new SynchronousQueue<>();
        };
    }

    /** The name used on command lines. */
    String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static PingPongQueue parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
