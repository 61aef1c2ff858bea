package dev.weft.net;

import dev.weft.queue.FifoQueue;
import dev.weft.queue.QueueShutdownException;
import dev.weft.sync.Event;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * stdin.close();                   // the child reads the end once the rest is written
 * }
 *
 * <p><b>Threads:</b> any task or plain thread may write, one at a time; {@link #close()} may be
 * called from anywhere.
 *
 * <p><b>Failures:</b> a write that fails in the pump (the reading process has gone: a broken
 * pipe) is thrown by the next {@code write}, {@link #drain()} or {@link #closeAndDrain()}.
 */
public final class PipeWriter implements AutoCloseable {
    /* How it works: writes copy the bytes into chunks and put them in a bounded Weft queue; the
     * pump takes them, writes and flushes each, and marks it done, so that the queue's join() is
     * drain(). close() shuts the queue down: the pump writes what is left, then closes the
     * stream. A failed write shuts the queue down at once, so no writer waits for room again. */

    private static final int CHUNK = 64 * 1024;
    private static final int CHUNKS_AHEAD = 4;

    private final OutputStream sink;
    private final String name;
    private final FifoQueue<byte[]> chunks = new FifoQueue<>(CHUNKS_AHEAD);
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
            byte[] chunk = Arrays.copyOfRange(bytes, at, Math.min(offset + length, at + CHUNK));
            requireWritable();
            try {
                chunks.put(chunk);
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
     * Closes the stream once what was written is in it, and waits until it is closed. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws IOException if a write, or closing the stream, failed
     */
    public void closeAndDrain() throws IOException {
        close();
        sinkClosed.await();
        rethrowFailure();
    }

    /**
     * Lets the pump write what is queued, then close the stream; later writes fail. Never
     * blocks; {@link #closeAndDrain()} waits.
     */
    @Override
    public void close() {
        closed = true;
        chunks.shutdown();
    }

    /** Returns whether {@link #close()} was called. */
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
                byte[] chunk = chunks.take();
                try {
                    sink.write(chunk);
                    sink.flush();
                } finally {
                    chunks.taskDone();
                }
            }
        } catch (QueueShutdownException | InterruptedException ended) {
            closeSink();
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e);
            chunks.shutdown(true);   // writers waiting for room fail now, and drain() returns
            closeSink();
        }
    }

    private void closeSink() {
        try {
            sink.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;   // for drain() or the next write
            }
        } finally {
            sinkClosed.set();
        }
    }
}
