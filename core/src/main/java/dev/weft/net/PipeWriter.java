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

import dev.weft.queue.FifoQueue;
import dev.weft.queue.QueueShutdownException;
import dev.weft.sync.Event;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A blocking {@link OutputStream} (a process's stdin, a file) that tasks write to without ever
 * holding their loop: a pump thread of its own does the blocking writes. A write parks while the
 * pump is a few chunks behind (back-pressure from the reading process); {@link #drain()} waits
 * until everything written so far is in the stream.
 *
 * {@snippet :
 * var stdin = PipeWriter.of(process.getOutputStream(), "stdin of " + process.pid());
 * stdin.write("some input\n");     // parks only while the child is slow to read
 * stdin.close();                   // waits until the rest is written and the stream closed
 * }
 *
 * <p><b>Threads:</b> any task or plain thread may write, one at a time; {@link #abort()} may be
 * called from anywhere.
 *
 * <p><b>Failures:</b> a write that fails in the pump (the reading process has gone: a broken
 * pipe, a full disk) is thrown by the next {@code write}, {@link #drain()} or {@link #close()},
 * so closing with try-with-resources loses no failure.
 */
public final class PipeWriter implements AutoCloseable {
    /* How it works: writes copy the bytes into recycled chunks and put them in a bounded Weft
     * queue; the pump takes them, writes and flushes each, and marks it done, so that the
     * queue's join() is drain(). close() shuts the queue down, so the pump writes what is left, then closes the
     * stream and sets `sinkClosed`, which close() waits for. A failed write is recorded before
     * its chunk is marked done, and shuts the queue down at once, so no writer waits for room
     * and no drain() returns without seeing it. */

    private static final int CHUNK = 64 * 1024;
    private static final int CHUNKS_AHEAD = 4;

    private final OutputStream sink;
    private final String name;
    private final FifoQueue<Chunk> chunks = new FifoQueue<>(CHUNKS_AHEAD);
    private final ChunkArrays arrays = new ChunkArrays(CHUNK);
    private volatile IOException failure;   // the pump's, for the writers
    private volatile boolean closed;        // any thread
    private final Event sinkClosed = new Event();   // set by the pump once the stream is closed

    private PipeWriter(OutputStream sink, String name) {
        this.sink = sink;
        this.name = name;
    }

    /**
     * Starts writing to {@code sink} on a pump thread of its own.
     *
     * @param name what the stream is, for messages and the pump's thread name
     */
    public static PipeWriter of(OutputStream sink, String name) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(name, "name");
        var writer = new PipeWriter(sink, name);
        Pumps.start("weft-pump-out " + name, () -> {
            writer.chunks.poll();        // empty: nothing written yet
            writer.sinkClosed.clear();   // not set yet
        }, writer::pump);
        return writer;
    }

    /**
     * Writes {@code length} bytes of {@code bytes} from {@code offset}, parking while the pump
     * is behind. This is a {@linkplain dev.weft cancellation point}; a write cancelled part-way
     * has handed over a prefix of its bytes.
     *
     * @throws IOException if the stream is closed, or an earlier write failed
     */
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        for (int at = offset; at < offset + length; at += CHUNK) {
            requireWritable();
            int count = Math.min(offset + length - at, CHUNK);
            byte[] array = arrays.take();
            System.arraycopy(bytes, at, array, 0, count);
            try {
                chunks.put(new Chunk(array, count));
            } catch (QueueShutdownException ended) {
                requireWritable();
                throw new IOException(name + " is closed");
            } catch (InterruptedException interrupted) {   // a plain thread, interrupted
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing " + name);
            }
        }
    }

    /** Writes all of {@code bytes}; see {@link #write(byte[], int, int)}. */
    public void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /** Writes {@code text} as UTF-8; see {@link #write(byte[], int, int)}. */
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits until everything written so far is in the stream. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws IOException if a write failed
     */
    public void drain() throws IOException {
        chunks.join();
        rethrowFailure();
    }

    /**
     * Closes the stream once what was written is in it, and waits until it is closed; later
     * writes fail. This is a {@linkplain dev.weft cancellation point}; {@link #abort()} stops
     * without waiting.
     *
     * @throws IOException if a write, or closing the stream, failed
     */
    @Override
    public void close() throws IOException {
        closed = true;
        chunks.shutdown();
        sinkClosed.await();
        rethrowFailure();
    }

    /**
     * Stops at once: what is queued is dropped and the stream closed by the pump as soon as it
     * is free (a pump blocked in a write stays blocked until the reader takes it or goes away).
     * Never blocks; for a stream whose reader has gone, such as a killed process's stdin.
     */
    public void abort() {
        closed = true;
        chunks.shutdownNow();   // what is queued is dropped: that is what abort means
    }

    /** Returns whether {@link #close()} or {@link #abort()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "PipeWriter[" + name + (closed ? ", closed" : "") + "]";
    }

    private void requireWritable() throws IOException {
        rethrowFailure();
        if (closed) {
            throw new IOException(name + " is closed; write before close()");
        }
    }

    private void rethrowFailure() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw new IOException("writing " + name + " failed: " + failed.getMessage(), failed);
        }
    }

    /** The pump thread: writes chunks until the queue is shut down and empty, or a failure. */
    private void pump() {
        try {
            while (true) {
                Chunk chunk = chunks.take();
                try {
                    sink.write(chunk.bytes(), 0, chunk.length());
                    sink.flush();
                    arrays.give(chunk.bytes());
                } catch (Throwable e) {   // recorded before the chunk counts as done
                    failure = e instanceof IOException io ? io
                            : new IOException("the pump of " + name + " failed", e);
                    chunks.shutdownNow();   // writers waiting for room fail now
                    return;
                } finally {
                    chunks.taskDone();
                }
            }
        } catch (QueueShutdownException | InterruptedException ended) {
            // close() or abort(): the stream is closed below
        } finally {
            closeSink();
        }
    }

    private void closeSink() {
        try {
            sink.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;   // for close(), drain() or the next write
            }
        } finally {
            sinkClosed.set();
        }
    }
}
