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
package dev.weft.http;

import dev.weft.net.StreamReader;
import java.io.IOException;
import java.util.Arrays;

/**
 * The bytes read from one connection and not yet parsed: the head parser scans them in place,
 * the body readers take them, and what is left is the next pipelined message. It reads only
 * when a parser needs more, so what it holds ahead of the handler is bounded by its capacity.
 * Before it waits for the peer it runs {@code beforeWait}, which flushes the responses written
 * so far: pipelined answers leave in one write, and no answer waits behind a read.
 */
final class InputBuffer {
    private final StreamReader source;
    private final BeforeWait beforeWait;
    private final int maxCapacity;
    private byte[] bytes;
    private int start;          // first unread byte
    private int end;            // one past the last byte read
    private boolean ended;      // the peer sent its end of stream

    InputBuffer(StreamReader source, int capacity, int maxCapacity, BeforeWait beforeWait) {
        this.source = source;
        this.beforeWait = beforeWait;
        this.maxCapacity = Math.max(capacity, maxCapacity);
        this.bytes = new byte[capacity];
    }

    /** The array; valid from {@link #start()} to {@link #end()} until the next fill. */
    byte[] bytes() {
        return bytes;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** How many bytes are read and not yet taken. */
    int available() {
        return end - start;
    }

    /** Whether the peer ended its stream (what is buffered may still be taken). */
    boolean ended() {
        return ended;
    }

    /** Takes {@code count} bytes from the front. */
    void skip(int count) {
        start += count;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** The byte at {@code offset} from the front. */
    byte at(int offset) {
        return bytes[start + offset];
    }

    /**
     * Reads more from the peer, parking until some arrive; offsets from {@link #start()} stay
     * valid. This is a cancellation point.
     *
     * @return false at the end of the stream, or when the buffer is full at its largest
     */
    boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        if (!makeRoom(true)) {
            return false;
        }
        beforeWait.run();
        int count = source.read(bytes, end, bytes.length - end);
        if (count < 0) {
            ended = true;
            return false;
        }
        end += count;
        return true;
    }

    /**
     * Reads more without running the before-wait action: for a watcher task that reads while
     * the handler, which owns the output, runs.
     */
    boolean fillQuietly() throws IOException {
        if (ended || !makeRoom(false)) {
            return false;
        }
        int count = source.read(bytes, end, bytes.length - end);
        if (count < 0) {
            ended = true;
            return false;
        }
        end += count;
        return true;
    }

    /**
     * Makes room at the end for a read: moves the unread bytes to the front, or (when
     * {@code grow}) doubles the array up to its largest; false if there is no room.
     */
    private boolean makeRoom(boolean grow) {
        if (end < bytes.length) {
            return true;
        }
        if (start > 0) {
            System.arraycopy(bytes, start, bytes, 0, end - start);
            end -= start;
            start = 0;
            return true;
        }
        if (grow && bytes.length < maxCapacity) {
            bytes = Arrays.copyOf(bytes, Math.min(maxCapacity, bytes.length * 2));
            return true;
        }
        return false;
    }

    /** Whether the buffer is at its largest and full, so {@link #fill} cannot add to it. */
    boolean full() {
        return bytes.length >= maxCapacity && end - start == bytes.length;
    }

    /**
     * Reads at most {@code length} bytes of the body into {@code target}: from what is
     * buffered, or straight from the peer when nothing is. This is a cancellation point.
     *
     * @return how many bytes, or -1 at the end of the stream
     */
    int read(byte[] target, int offset, int length) throws IOException {
        if (available() == 0) {
            if (ended) {
                return -1;
            }
            beforeWait.run();
            int count = source.read(target, offset, length);
            if (count < 0) {
                ended = true;
            }
            return count;
        }
        int count = Math.min(length, available());
        System.arraycopy(bytes, start, target, offset, count);
        skip(count);
        return count;
    }

    /** What runs before the buffer waits for the peer: the flush of what was written. */
    @FunctionalInterface
    interface BeforeWait {
        /** Runs before a wait. */
        void run() throws IOException;
    }
}
