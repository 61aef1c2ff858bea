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

package dev.weft.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The read side of a byte stream that tasks read from, with the verbs of asyncio's
 * {@code StreamReader}: read up to n bytes, exactly n, a line, up to a delimiter with a limit.
 * {@link TcpConnection} reads a socket on the loop's selector; {@link PipeReader} reads a
 * process's pipe, a file or any other blocking stream on a thread of its own. Either way the
 * reading task parks and the loop runs the others.
 *
 * <p><b>Cancellation:</b> every read is a {@linkplain dev.weft cancellation point}; bound it
 * with {@code Weft.timeout}. A read cancelled while it waited has consumed nothing: the next read
 * sees the same bytes.
 *
 * <p><b>Threads:</b> one task reads at a time; {@link #close()} may be called from anywhere.
 */
public abstract sealed class StreamReader implements AutoCloseable permits TcpConnection,
        PipeReader {
    /* How it works: a heap buffer kept in "read mode" (position = next unread byte, limit = end
     * of data). Reads first serve from the buffer; filling it asks the source for more, which
     * parks the task until bytes or the end arrive. The buffer grows only when a line or a
     * delimited chunk needs more room. */

    /** The longest line or delimited chunk read by default: asyncio's 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final int BUFFER = 8 * 1024;   // grows when a line or chunk needs more
    private static final byte[] NEWLINE = {'\n'};

    private ByteBuffer in;          // the reader; read mode
    private boolean endOfStream;    // the reader

    /** A stream with the default first buffer, small since a server may hold many streams. */
    StreamReader() {
        this(BUFFER);
    }

    /** A stream whose buffer starts at {@code bufferSize} bytes. */
    StreamReader(int bufferSize) {
        this.in = ByteBuffer.allocate(bufferSize).flip();
    }

    /**
     * Reads what the source has into {@code buffer} (in write mode), parking the calling task
     * until at least one byte or the end arrives; checks the caller and is a cancellation point.
     *
     * @return how many bytes were read, or -1 at the end of the stream
     */
    abstract int readSource(ByteBuffer buffer) throws IOException;

    /** What the stream reads, for messages: a peer's address, a process's pipe. */
    abstract String sourceName();

    /** Closes the stream; callable from any thread. */
    @Override
    public abstract void close() throws IOException;

    /**
     * Reads up to {@code length} bytes into {@code buffer}, waiting until at least one arrives.
     * This is a {@linkplain dev.weft cancellation point}.
     *
     * @return how many bytes were read, or -1 at the end of the stream
     */
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (!in.hasRemaining()) {
            if (length >= in.capacity()) {
                return readPastBuffer(buffer, offset, length);
            }
            if (!fill()) {
                return -1;
            }
        }
        int count = Math.min(length, in.remaining());
        in.get(buffer, offset, count);
        return count;
    }

    /**
     * Reads up to {@code max} bytes, waiting until at least one arrives: asyncio's
     * {@code read(n)}. This is a {@linkplain dev.weft cancellation point}.
     *
     * @return the bytes, empty at the end of the stream
     */
    public byte[] read(int max) throws IOException {
        byte[] bytes = new byte[max];
        int count = read(bytes, 0, max);
        return count <= 0 ? new byte[0] : Arrays.copyOf(bytes, count);
    }

    /**
     * Reads exactly {@code count} bytes: asyncio's {@code readexactly}. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws EOFException if the stream ends first; the bytes read so far are lost
     */
    public byte[] readExactly(int count) throws IOException {
        byte[] bytes = new byte[count];
        int done = 0;
        while (done < count) {
            int n = read(bytes, done, count - done);
            if (n < 0) {
                throw new EOFException(sourceName() + " ended after " + done + " of " + count
                        + " bytes");
            }
            done += n;
        }
        return bytes;
    }

    /**
     * Reads up to and including {@code delimiter}, at most {@code limit} bytes in all: asyncio's
     * {@code readuntil}. This is a {@linkplain dev.weft cancellation point}.
     *
     * @return the bytes, delimiter included
     * @throws LimitOverrunException if {@code limit} bytes arrive without the delimiter; they stay
     *     unread
     * @throws EOFException if the stream ends before the delimiter
     */
    public byte[] readUntil(byte[] delimiter, int limit) throws IOException {
        Objects.requireNonNull(delimiter, "delimiter");
        if (delimiter.length == 0) {
            throw new IllegalArgumentException("the delimiter must not be empty");
        }
        int searched = 0;
        while (true) {
            int end = indexOf(delimiter, searched);
            if (end >= 0 && end + delimiter.length > limit) {
                throw new LimitOverrunException("the delimiter came after " + end + " bytes, over "
                        + "the limit of " + limit + ", from " + sourceName());
            }
            if (end >= 0) {
                byte[] chunk = new byte[end + delimiter.length];
                in.get(chunk);
                return chunk;
            }
            if (in.remaining() >= limit) {
                throw new LimitOverrunException("no delimiter within " + limit + " bytes from "
                        + sourceName());
            }
            searched = Math.max(0, in.remaining() - delimiter.length + 1);
            if (!fill()) {
                throw new EOFException(sourceName() + " ended after " + in.remaining()
                        + " bytes without the delimiter");
            }
        }
    }

    /** Reads a line of at most {@value #DEFAULT_LIMIT} bytes; see {@link #readLine(int)}. */
    public String readLine() throws IOException {
        return readLine(DEFAULT_LIMIT);
    }

    /**
     * Reads a line as UTF-8, without its {@code \n} or {@code \r\n}: asyncio's
     * {@code readline}. This is a {@linkplain dev.weft cancellation point}.
     *
     * @return the line; the last, unterminated line at the end of the stream; or null at the
     *     end of the stream
     * @throws LimitOverrunException if {@code limit} bytes arrive without a newline
     */
    public String readLine(int limit) throws IOException {
        byte[] line;
        try {
            line = readUntil(NEWLINE, limit);
        } catch (EOFException ended) {
            if (!in.hasRemaining()) {
                return null;
            }
            line = new byte[in.remaining()];
            in.get(line);
            return new String(line, StandardCharsets.UTF_8);
        }
        int length = line.length - 1;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /** Returns an {@link InputStream} reading this stream; closing it closes the stream. */
    public InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return StreamReader.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return StreamReader.this.read(buffer, offset, length);
            }

            @Override
            public void close() throws IOException {
                StreamReader.this.close();
            }
        };
    }

    /**
     * Reads everything up to the end of the stream, at most {@code limit} bytes. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws LimitOverrunException if more than {@code limit} bytes come; they stay unread
     */
    public byte[] readAll(int limit) throws IOException {
        while (fill()) {
            if (in.remaining() > limit) {
                throw new LimitOverrunException("more than " + limit + " bytes from "
                        + sourceName());
            }
        }
        byte[] all = new byte[in.remaining()];
        in.get(all);
        return all;
    }

    // ---- the buffer ----------------------------------------------------------------------------

    /**
     * A read at least as large as the buffer, with the buffer empty: the source writes straight
     * into the caller's array, which saves a copy of every byte on a bulk transfer.
     */
    private int readPastBuffer(byte[] buffer, int offset, int length) throws IOException {
        if (endOfStream) {
            return -1;
        }
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
        int count;
        do {
            count = readSource(target);
        } while (count == 0);
        if (count < 0) {
            endOfStream = true;
            return -1;
        }
        return count;
    }

    /** Reads more into the buffer, waiting for data; returns false at the end of the stream. */
    private boolean fill() throws IOException {
        if (endOfStream) {
            return false;
        }
        if (in.position() > 0 || in.limit() == in.capacity()) {
            makeRoom();
        }
        in.compact();                          // to write mode
        int count;
        try {
            count = readSource(in);
        } finally {
            in.flip();                         // back to read mode
        }
        if (count < 0) {
            endOfStream = true;
            return false;
        }
        return true;
    }

    /** Moves unread bytes to the front, growing the buffer when it is full of them. */
    private void makeRoom() {
        if (in.remaining() == in.capacity()) {
            in = ByteBuffer.allocate(in.capacity() * 2).put(in).flip();
        }
    }

    /** Where {@code delimiter} starts among the unread bytes, from {@code from}, or -1. */
    private int indexOf(byte[] delimiter, int from) {
        int start = in.position();
        int end = in.limit() - delimiter.length;
        for (int i = start + from; i <= end; i++) {
            int j = 0;
            while (j < delimiter.length && in.get(i + j) == delimiter[j]) {
                j++;
            }
            if (j == delimiter.length) {
                return i - start;
            }
        }
        return -1;
    }
}
