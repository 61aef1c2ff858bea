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

import dev.weft.internal.loop.TaskCore;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Bytes through TLS: an {@link SSLEngine} between the connection and its socket. The handshake
 * runs when the connection opens; afterwards reads unwrap and writes wrap, answering whatever
 * the engine asks for on the way (TLS 1.3 sends session tickets and key updates after the
 * handshake).
 */
final class TlsTransport implements Transport {
    /* How it works: `netIn` holds encrypted bytes read from the socket (write mode), `appIn`
     * decrypted bytes not yet handed out (read mode), `netOut` encrypted bytes to send. Every
     * wait is a park on the loop's selector through the socket transport. Delegated tasks
     * (certificate checks, key agreement) run inline: they take about a millisecond. */

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final SocketChannel channel;
    private final PlainTransport socket;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private boolean inboundDone;

    TlsTransport(SSLEngine engine, SocketChannel channel) {
        this.engine = engine;
        this.channel = channel;
        this.socket = new PlainTransport(channel);
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    }

    /** Runs the handshake to its end; the calling task parks while the peer answers. */
    void handshake(TaskCore me) throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrapAndSend(EMPTY, me);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (unwrapOnce(me) < 0) {
                        throw new EOFException("the peer closed the connection during the TLS "
                                + "handshake");
                    }
                }
                case NEED_TASK -> runDelegatedTasks();
                case FINISHED, NOT_HANDSHAKING -> {
                    return;
                }
            }
        }
    }

    @Override
    public int read(ByteBuffer into, TaskCore me) throws IOException {
        while (!appIn.hasRemaining()) {
            if (inboundDone || unwrapOnce(me) < 0) {
                return -1;
            }
        }
        int count = Math.min(into.remaining(), appIn.remaining());
        ByteBuffer slice = appIn.slice(appIn.position(), count);
        into.put(slice);
        appIn.position(appIn.position() + count);
        return count;
    }

    @Override
    public void write(ByteBuffer from, TaskCore me) throws IOException {
        while (from.hasRemaining()) {
            wrapAndSend(from, me);
        }
    }

    @Override
    public void closing() {
        try {
            engine.closeOutbound();
            netOut.clear();
            engine.wrap(EMPTY, netOut);
            netOut.flip();
            channel.write(netOut);   // best effort: one try, never waits
        } catch (IOException | RuntimeException e) {
            // the peer may be gone already; the socket closes next either way
        }
    }

    /**
     * Unwraps one record (reading from the socket as needed) and answers the engine; returns
     * -1 at the end of the stream, else how many application bytes it produced (maybe 0).
     */
    private int unwrapOnce(TaskCore me) throws IOException {
        while (true) {
            netIn.flip();
            appIn.compact();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
                netIn.compact();
            }
            switch (result.getStatus()) {
                case OK -> {
                    answer(result, me);
                    return result.bytesProduced();
                }
                case BUFFER_UNDERFLOW -> {
                    if (netIn.position() == netIn.capacity()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    }
                    if (socket.read(netIn, me) < 0) {
                        inboundDone = true;
                        try {
                            engine.closeInbound();
                        } catch (SSLException noCloseNotify) {
                            // The peer closed TCP without TLS's goodbye, as many do: the stream
                            // ends as a plain close would.
                        }
                        return -1;
                    }
                }
                case BUFFER_OVERFLOW -> appIn = grow(appIn.compact(),
                        engine.getSession().getApplicationBufferSize()).flip();
                case CLOSED -> {
                    inboundDone = true;
                    answer(result, me);
                    return -1;
                }
            }
        }
    }

    /** Answers what the engine asks for after a record: send, or run tasks. */
    private void answer(SSLEngineResult result, TaskCore me) throws IOException {
        SSLEngineResult.HandshakeStatus status = result.getHandshakeStatus();
        while (status == SSLEngineResult.HandshakeStatus.NEED_TASK
                || status == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
            } else {
                wrapAndSend(EMPTY, me);
            }
            status = engine.getHandshakeStatus();
        }
    }

    private void wrapAndSend(ByteBuffer from, TaskCore me) throws IOException {
        while (true) {
            netOut.clear();
            SSLEngineResult result = engine.wrap(from, netOut);
            netOut.flip();
            switch (result.getStatus()) {
                case OK, CLOSED -> {
                    socket.write(netOut, me);
                    if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runDelegatedTasks();
                    }
                    return;
                }
                case BUFFER_OVERFLOW -> netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                case BUFFER_UNDERFLOW -> throw new SSLException("TLS could not wrap: " + result);
            }
        }
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** A bigger copy of {@code buffer} (in write mode), at least {@code atLeast} bytes. */
    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        var bigger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }
}
