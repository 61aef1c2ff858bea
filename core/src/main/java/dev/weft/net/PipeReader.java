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
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A blocking {@link InputStream} (a process's stdout or stderr, a file, a named pipe) that tasks
 * read with the {@link StreamReader} verbs without ever holding their loop: a thread of its own,
 * a <em>pump</em>, does the blocking reads and hands the bytes over, a few chunks ahead.
 *
 * {@snippet :
 * var lines = PipeReader.of(process.getInputStream(), "stdout of " + process.pid());
 * String line;
 * while ((line = lines.readLine()) != null) {   // parks; the loop runs other tasks
 *     handle(line);
 * }
 * }
 *
 * <p><b>Threads:</b> any task or plain thread may read, one at a time; {@link #close()} may be
 * called from anywhere.
 *
 * <p><b>Pitfalls:</b> closing stops the reader at once, but a pump blocked in a read of the
 * stream stays blocked, holding the stream open, until the stream yields something or ends (a
 * pipe ends when every process holding its other end has closed it), since the JDK cannot
 * interrupt such a read.
 */
public final class PipeReader extends StreamReader {
    /* How it works: the pump reads chunks of up to CHUNK bytes and puts them in a bounded Weft
     * queue, which parks it while the reader is CHUNKS_AHEAD chunks behind (back-pressure on the
     * writing process), and shuts the queue down at the end of the stream or on a failure; a
     * chunk takes in what the stream already has beyond one read, so that a fast stream costs
     * few hand-overs. The reader takes chunks from the queue, which parks a task as any Weft
     * wait does, and gives each array back once it has read it all. */

    private static final int CHUNK = 64 * 1024;   // a pipe buffer
    private static final int CHUNKS_AHEAD = 4;

    private final InputStream source;
    private final String name;
    private final FifoQueue<Chunk> chunks = new FifoQueue<>(CHUNKS_AHEAD);
    private final ChunkArrays arrays = new ChunkArrays(CHUNK);
    private volatile IOException failure;    // the pump's, for the reader
    private volatile boolean closed;         // any thread
    private Chunk pending;                   // the reader: a chunk partly read
    private int pendingOffset;               // the reader

    private PipeReader(InputStream source, String name) {
        super(CHUNK);   // a whole chunk fits: one hand-over per chunk, not eight
        this.source = source;
        this.name = name;
    }

    /**
     * Starts reading {@code source} on a pump thread of its own.
     *
     * @param name what the stream is, for messages and the pump's thread name
     */
    public static PipeReader of(InputStream source, String name) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        var reader = new PipeReader(source, name);
        Pumps.start("weft-pump-in " + name, reader.chunks::poll, reader::pump);
        return reader;
    }

    @Override
    int readSource(ByteBuffer buffer) throws IOException {
        if (pending == null) {
            try {
                pending = chunks.take();   // a cancellation point; a cancelled take takes nothing
                pendingOffset = 0;
            } catch (QueueShutdownException ended) {
                IOException failed = failure;
                if (failed != null) {
                    throw new IOException("reading " + name + " failed: " + failed.getMessage(),
                            failed);
                }
                return -1;
            } catch (InterruptedException interrupted) {   // a plain thread, interrupted
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + name);
            }
        }
        int count = Math.min(buffer.remaining(), pending.length() - pendingOffset);
        buffer.put(pending.bytes(), pendingOffset, count);
        pendingOffset += count;
        if (pendingOffset == pending.length()) {
            arrays.give(pending.bytes());
            pending = null;
        }
        return count;
    }

    @Override
    String sourceName() {
        return name;
    }

    /** Returns whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops reading; bytes not read yet are dropped, and the stream is closed by the pump once
     * its read in progress returns. Never blocks: closing a stream that a read still holds
     * would wait for that read (the JDK's streams lock around both).
     */
    @Override
    public void close() {
        closed = true;
        chunks.shutdownNow();   // the reader sees the end; a pump waiting for room stops
    }

    @Override
    public String toString() {
        return "PipeReader[" + name + (closed ? ", closed" : "") + "]";
    }

    /** The pump thread: blocking reads until the end, a failure, or close. */
    private void pump() {
        try {
            byte[] buffer = arrays.take();
            int count;
            while (!closed && (count = source.read(buffer)) >= 0) {
                // What is there already joins this chunk: fewer hand-overs to the reader.
                for (int more; count < CHUNK && source.available() > 0
                        && (more = source.read(buffer, count, CHUNK - count)) > 0; ) {
                    count += more;
                }
                if (count > 0) {
                    chunks.put(new Chunk(buffer, count));
                    buffer = arrays.take();
                }
            }
        } catch (QueueShutdownException | InterruptedException closedMeanwhile) {
            // close() shut the queue: nobody reads any more
        } catch (Throwable e) {
            if (!closed) {   // thrown to the reader once it has read what came before
                failure = e instanceof IOException io ? io
                        : new IOException("the pump of " + name + " failed", e);
            }
        } finally {
            chunks.shutdown();   // the reader takes what is left, then sees the end
            closeSource();
        }
    }

    private void closeSource() {
        try {
            source.close();
        } catch (IOException e) {
            if (!closed && failure == null) {
                failure = e;   // the reader has not finished: it hears of it
            }
        }
    }
}
