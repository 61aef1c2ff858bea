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

import dev.weft.net.TcpConnection;
import java.io.IOException;
import java.util.Arrays;

/**
 * What a connection has written and not yet sent: response heads, small bodies and chunks
 * gather here and leave in one write when the connection is about to wait for its peer, or
 * when enough has gathered. Pipelined requests thus get their answers in one segment.
 */
final class OutputBuffer {
    /** Bodies at least this large are written straight from the caller's array. */
    static final int DIRECT = 16 * 1024;
    private static final int FLUSH_AT = 32 * 1024;

    private final TcpConnection connection;
    private byte[] bytes = new byte[2048];
    private int size;
    private boolean failed;      // a write to the peer failed: it went away

    OutputBuffer(TcpConnection connection) {
        this.connection = connection;
    }

    /** Whether a write to the peer has failed, so the peer is gone. */
    boolean failed() {
        return failed;
    }

    int size() {
        return size;
    }

    void append(byte[] source) {
        append(source, 0, source.length);
    }

    void append(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void appendByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    /** Appends text that is Latin-1 (field names and values are checked to be). */
    void appendLatin1(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size + i] = (byte) text.charAt(i);
        }
        size += length;
    }

    void appendDecimal(long value) {
        appendLatin1(Long.toString(value));
    }

    void appendHex(long value) {
        appendLatin1(Long.toHexString(value));
    }

    void appendCrlf() {
        ensure(2);
        bytes[size++] = '\r';
        bytes[size++] = '\n';
    }

    /** Sends what has gathered once it is large. */
    void flushIfLarge() throws IOException {
        if (size >= FLUSH_AT) {
            flush();
        }
    }

    /** Sends what has gathered, parking while the peer is slow to take it. */
    void flush() throws IOException {
        if (size == 0) {
            return;
        }
        int count = size;
        size = 0;
        write(bytes, 0, count);
        if (bytes.length > 64 * 1024) {
            bytes = new byte[2048];      // a burst's buffer is not kept for an idle connection
        }
    }

    /** Sends what has gathered and then {@code source}, without copying it. */
    void writeDirect(byte[] source, int offset, int length) throws IOException {
        flush();
        write(source, offset, length);
    }

    private void write(byte[] source, int offset, int length) throws IOException {
        try {
            connection.write(source, offset, length);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
