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

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The answer to one request: a status, header fields, and a body sent whole ({@link #send})
 * or streamed ({@link #outputStream()}, chunked when no length was set).
 *
 * {@snippet :
 * response.status(201).contentType("application/json").send(json);
 *
 * try (OutputStream out = response.outputStream()) {   // chunked
 *     for (String line : lines) {
 *         out.write(line.getBytes(UTF_8));
 *     }
 * }
 * }
 *
 * <p>The server sets {@code Date}, {@code Content-Length} (or {@code Transfer-Encoding}) and
 * {@code Connection} itself. A response to {@code HEAD} carries the fields a {@code GET}
 * would and no body. The first send commits the status and fields; after that they cannot
 * change.
 *
 * <p><b>Threads:</b> a response belongs to the task running its handler.
 */
public final class Response {
    private static final byte[] TEXT_PLAIN = "text/plain; charset=utf-8"
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerConnection connection;
    private final boolean headRequest;
    private final boolean http10;
    private final HttpHeaders headers = new HttpHeaders();
    private int status = 200;
    private boolean committed;
    private boolean keepAlive;
    private BodyStream stream;
    private HttpHeaders trailers;

    Response(ServerConnection connection, boolean headRequest, boolean http10, boolean keepAlive) {
        this.connection = connection;
        this.headRequest = headRequest;
        this.http10 = http10;
        this.keepAlive = keepAlive;
    }

    /**
     * Sets the status.
     *
     * @throws IllegalArgumentException if it is not between 200 and 599 (the server sends
     *     {@code 100 Continue} itself)
     * @throws IllegalStateException if the response is committed
     */
    public Response status(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("a status is between 200 and 599, not "
                    + status);
        }
        checkNotCommitted("set the status");
        this.status = status;
        return this;
    }

    /** Returns the status (200 unless set). */
    public int status() {
        return status;
    }

    /** Sets header field {@code name} to {@code value}, replacing what it had. */
    public Response header(String name, String value) {
        checkNotCommitted("set a header field");
        headers.set(name, value);
        return this;
    }

    /** Adds a value to header field {@code name}. */
    public Response addHeader(String name, String value) {
        checkNotCommitted("add a header field");
        headers.add(name, value);
        return this;
    }

    /** Returns the header fields, to read or change until the response is committed. */
    public HttpHeaders headers() {
        return headers;
    }

    /** Sets {@code Content-Type}. */
    public Response contentType(String type) {
        return header("Content-Type", type);
    }

    /** Returns whether the status and fields have been sent (or queued to be). */
    public boolean isCommitted() {
        return committed;
    }

    /** Sends the response with no body. */
    public void send() {
        send(new byte[0], 0, 0);
    }

    /** Sends {@code text} as UTF-8, as {@code text/plain} unless a type is set. */
    public void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code body}. */
    public void send(byte[] body) {
        send(body, 0, body.length);
    }

    /**
     * Sends {@code length} bytes of {@code body} as the whole body, with its
     * {@code Content-Length}. The bytes are queued and leave when the connection next waits,
     * or at once when large.
     *
     * @throws IllegalStateException if the response is committed
     * @throws java.io.UncheckedIOException if the client went away
     */
    public void send(byte[] body, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, body.length);
        checkNotCommitted("send");
        committed = true;
        boolean noBody = HttpStatus.forbidsBody(status);
        connection.writeHead(this, noBody ? -2 : length, length > 0 && !headers.contains(
                "Content-Type") && !noBody ? TEXT_PLAIN : null);
        if (!headRequest && !noBody && length > 0) {
            try {
                connection.writeBody(body, offset, length);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * Returns a stream for the body, committing the status and fields: the body is chunked
     * unless {@code Content-Length} was set (then exactly that many bytes must be written),
     * and runs to the closing of the connection for an HTTP/1.0 client. {@code flush()} sends
     * what was written so far; {@code close()} ends the body (the server closes it if the
     * handler does not).
     */
    public OutputStream outputStream() {
        if (stream != null) {
            return stream;
        }
        checkNotCommitted("stream the body");
        committed = true;
        String declared = headers.get("Content-Length");
        long length;
        if (HttpStatus.forbidsBody(status)) {
            length = -2;
        } else if (declared != null) {
            try {
                length = Framing.parseLength(declared);
            } catch (BadMessageException malformed) {
                throw new IllegalStateException("the Content-Length field set on this "
                        + "response is malformed: " + malformed.getMessage());
            }
        } else if (http10) {
            keepAlive = false;
            length = -3;            // to the end of the connection
        } else {
            length = -1;            // chunked
        }
        connection.writeHead(this, length, null);
        stream = new BodyStream(length);
        return stream;
    }

    /**
     * Sets a trailer field, sent after a chunked body when its stream closes.
     *
     * @throws IllegalStateException if the body is not being streamed in chunks, or is done
     */
    public Response trailer(String name, String value) {
        if (stream == null || stream.length != -1 || stream.closed) {
            throw new IllegalStateException("trailers follow a chunked body: call "
                    + "outputStream() without setting Content-Length, then set trailers "
                    + "before closing it");
        }
        if (trailers == null) {
            trailers = new HttpHeaders();
        }
        trailers.set(name, value);
        return this;
    }

    // ---- for the connection --------------------------------------------------------------------

    boolean keepAlive() {
        return keepAlive;
    }

    /** Asks for the connection to close after this response (sends Connection: close). */
    void closeAfter() {
        keepAlive = false;
    }

    boolean http10() {
        return http10;
    }

    /** Forgets status and fields set by a handler that failed, before an error answer. */
    void reset() {
        if (!committed) {
            status = 200;
            headers.clear();
        }
    }

    /** Ends the response: sends it if the handler did not, closes the body stream. */
    void finish() throws IOException {
        if (!committed) {
            send();
        }
        if (stream != null && !stream.closed) {
            stream.close();
        }
    }

    /** Whether the body was cut short (a declared length not reached): close the connection. */
    boolean truncated() {
        return stream != null && stream.length >= 0 && stream.written < stream.length;
    }

    private void checkNotCommitted(String what) {
        if (committed) {
            throw new IllegalStateException("cannot " + what + ": the response is committed "
                    + "(its status and fields are sent)");
        }
    }

    /** The streamed body. */
    private final class BodyStream extends OutputStream {
        final long length;      // >= 0 declared; -1 chunked; -2 none; -3 until close
        long written;
        boolean closed;

        BodyStream(long length) {
            this.length = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            Objects.checkFromIndexSize(offset, count, bytes.length);
            if (closed) {
                throw new IOException("the response body is closed");
            }
            if (count == 0) {
                return;
            }
            if (length == -2) {
                throw new IOException("a " + status + " response has no body");
            }
            if (length >= 0 && written + count > length) {
                throw new IOException("the body would be " + (written + count) + " bytes, "
                        + "more than the " + length + " its Content-Length declares");
            }
            written += count;
            if (headRequest) {
                return;
            }
            if (length == -1) {
                connection.writeChunk(bytes, offset, count);
            } else {
                connection.writeBody(bytes, offset, count);
            }
        }

        @Override
        public void flush() throws IOException {
            connection.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (length == -1 && !headRequest) {
                connection.writeLastChunk(trailers);
            }
            if (length == -3 || truncated()) {
                keepAlive = false;
            }
        }
    }

    HttpHeaders fields() {
        return headers;
    }

    int statusCode() {
        return status;
    }
}
