package dev.weft.net;

import dev.weft.internal.loop.TaskCore;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * How a {@link TcpConnection} moves bytes: straight through its socket, or through TLS. Both
 * park the calling task on the loop's selector while the socket cannot go on.
 */
sealed interface Transport permits PlainTransport, TlsTransport {

    /**
     * Reads at least one byte into {@code into}, waiting for it; returns how many, or -1 at the
     * end of the stream.
     */
    int read(ByteBuffer into, TaskCore me) throws IOException;

    /** Writes all of {@code from}, waiting while the socket is full. */
    void write(ByteBuffer from, TaskCore me) throws IOException;

    /** Says goodbye before the socket closes (TLS's close_notify); best effort, never waits. */
    void closing();
}
