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

import dev.weft.internal.loop.LoopCore;
import dev.weft.internal.loop.TaskCore;

import dev.weft.internal.park.Party;

import dev.weft.exec.Offload;
import dev.weft.internal.park.Parking;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.util.Objects;

/**
 * A TCP connection owned by a loop, plain or TLS, or a Unix-domain one
 * ({@link #connectUnix}, {@link TcpServer#serveUnix}), with the verbs of asyncio's streams: read up
 * to n bytes, exactly n, a line, up to a delimiter; write; half-close; close. A task waiting to read or
 * write parks on its loop's own selector, so readiness reaches it without a hand-off between
 * threads; plain {@link InputStream} and {@link OutputStream} views serve libraries that want
 * them.
 *
 * {@snippet :
 * try (var connection = TcpConnection.connect("example.org", 80)) {
 *     connection.write("GET / HTTP/1.0\r\nHost: example.org\r\n\r\n");
 *     String status = connection.readLine();          // parks; the loop runs other tasks
 * }
 * }
 *
 * <p><b>Threads:</b> a connection belongs to the loop of the task that made it; its reads and
 * writes must come from tasks of that loop, one reader and one writer at a time. {@link #close()}
 * may be called from anywhere.
 *
 * <p><b>Cancellation and timeouts:</b> every read and write is a
 * {@linkplain dev.weft cancellation point}; bound it with {@code Weft.timeout}. A read cancelled
 * while it waited has consumed nothing: the connection stays usable and the next read sees the
 * same bytes. A write cancelled part-way has sent a prefix of its data; the rest is dropped, so
 * after that the stream is usable only if the protocol can resynchronise.
 *
 * <p><b>Faults</b> stay with the connection: a reset gives this connection's reads and writes an
 * {@link IOException}; an orderly close by the peer is end of stream.
 */
public final class TcpConnection extends StreamReader {
    /* How it works: a non-blocking SocketChannel and a heap buffer kept in "read mode" (position
     * = next unread byte, limit = end of data). Reads first serve from the buffer; filling it
     * reads the channel and, when it has nothing, parks the task on the loop's selector. Writes
     * loop until the data is in the kernel, parking when its buffer is full: back-pressure. */


    private final SocketChannel channel;
    private final LoopCore loop;
    private Transport transport;                                  // plain, or TLS once agreed

    TcpConnection(SocketChannel channel, LoopCore loop) throws IOException {
        this.channel = channel;
        this.loop = loop;
        channel.configureBlocking(false);
        if (channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);   // not for Unix ones
        }
        this.transport = new PlainTransport(channel);
        loop.holdings().own(channel, this);
    }

    /**
     * Runs the TLS handshake as client or server, then speaks TLS: the calling task parks while
     * the peer answers.
     */
    void startTls(SSLEngine engine, TaskCore me) throws IOException {
        var tls = new TlsTransport(engine, channel);
        tls.handshake(me);
        transport = tls;
    }

    /**
     * Connects to {@code host}:{@code port}; a host name is looked up on the loop's worker pool,
     * since DNS would block the loop. This is a {@linkplain dev.weft cancellation point}.
     *
     * @throws java.net.ConnectException if the peer refuses
     * @throws java.net.UnknownHostException if the name does not resolve
     * @throws WrongThreadException if the caller is not a task
     */
    public static TcpConnection connect(String host, int port) throws IOException {
        Objects.requireNonNull(host, "host");
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException notALiteral) {
            try {
                address = Offload.call(() -> InetAddress.getByName(host));
            } catch (java.util.concurrent.CompletionException lookupFailed) {
                // The worker's checked failure, as the javadoc promises it
                if (lookupFailed.getCause() instanceof UnknownHostException unknown) {
                    throw unknown;
                }
                throw lookupFailed;
            }
        }
        return connect(new InetSocketAddress(address, port));
    }

    /**
     * Connects to a resolved {@code address}. This is a {@linkplain dev.weft cancellation
     * point}.
     *
     * @throws java.net.ConnectException if the peer refuses
     * @throws WrongThreadException if the caller is not a task
     */
    public static TcpConnection connect(InetSocketAddress address) throws IOException {
        Objects.requireNonNull(address, "address");
        return open(address, StandardProtocolFamily.INET);
    }

    /**
     * Connects to the Unix-domain socket at {@code path}, for talking to another process on
     * this machine (a child started with {@code dev.weft.process}, say), with the same verbs as
     * TCP. This is a {@linkplain dev.weft cancellation point}.
     *
     * @throws java.net.ConnectException if nobody listens there
     * @throws WrongThreadException if the caller is not a task
     */
    public static TcpConnection connectUnix(java.nio.file.Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return open(UnixDomainSocketAddress.of(path), StandardProtocolFamily.UNIX);
    }

    private static TcpConnection open(SocketAddress address, StandardProtocolFamily family)
            throws IOException {
        LoopCore loop = LoopOwner.ofCallingTask("TcpConnection.connect");
        TaskCore me = TaskCore.current();
        me.checkpoint();
        SocketChannel channel = family == StandardProtocolFamily.UNIX
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        boolean connected = false;
        try {
            var connection = new TcpConnection(channel, loop);
            if (!channel.connect(address)) {
                LoopOwner.awaitReady(me, channel, SelectionKey.OP_CONNECT);
                channel.finishConnect();
            }
            connected = true;
            return connection;
        } finally {
            if (!connected) {
                loop.holdings().forget(channel);
                channel.close();
            }
        }
    }

    /**
     * Connects to {@code host}:{@code port} and runs a TLS handshake as client with
     * {@code context}, checking that the server's certificate names {@code host} (as HTTPS does).
     * This is a {@linkplain dev.weft cancellation point}.
     *
     * @throws javax.net.ssl.SSLException if the handshake fails, for example on a certificate
     *     that is not trusted or does not name the host
     */
    public static TcpConnection connectTls(String host, int port, SSLContext context)
            throws IOException {
        Objects.requireNonNull(context, "context");
        TcpConnection connection = connect(host, port);
        try {
            SSLEngine engine = context.createSSLEngine(host, port);
            engine.setUseClientMode(true);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            connection.startTls(engine, TaskCore.current());
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    // ---- writing -------------------------------------------------------------------------------

    /**
     * Writes all of {@code bytes}, parking while the peer is slow to take them (back-pressure):
     * asyncio's {@code write} and {@code drain} in one. This is a
     * {@linkplain dev.weft cancellation point}.
     */
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        write(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Writes all of {@code bytes}; see {@link #write(byte[], int, int)}. */
    public void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /** Writes {@code text} as UTF-8; see {@link #write(byte[], int, int)}. */
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes what remains of {@code buffer}; see {@link #write(byte[], int, int)}. */
    public void write(ByteBuffer buffer) throws IOException {
        TaskCore me = LoopOwner.requireCaller(loop, this);
        me.checkpoint();
        transport.write(buffer, me);
    }

    /** Half-closes: the peer reads end of stream, and this side may still read. */
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Closes the connection; callable from any thread. Never blocks. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen() && LoopCore.current() == loop) {
            transport.closing();   // TLS's goodbye, from the owner's thread only
        }
        loop.holdings().forget(channel);
        channel.close();
    }

    /** Makes {@link #close()} reset the connection instead of ending it in order; for tests. */
    void setLingerZeroForTests() throws IOException {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
    }

    /** Returns whether the connection is open. */
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Returns the peer's address. */
    public InetSocketAddress remoteAddress() throws IOException {
        return inet(channel.getRemoteAddress());
    }

    /** Returns this side's address. */
    public InetSocketAddress localAddress() throws IOException {
        return inet(channel.getLocalAddress());
    }

    private static InetSocketAddress inet(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet;
        }
        throw new IllegalStateException("a Unix-domain connection has no IP address ("
                + address + "); only TCP connections do");
    }

    /** Returns an {@link OutputStream} writing this connection; closing it closes the connection. */
    public OutputStream outputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                TcpConnection.this.write(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                TcpConnection.this.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                TcpConnection.this.close();
            }
        };
    }

    @Override
    public String toString() {
        return "TcpConnection[" + remoteAddressText() + (channel.isOpen() ? "" : ", closed") + "]";
    }

    // ---- what StreamReader reads ---------------------------------------------------------------

    @Override
    int readSource(ByteBuffer buffer) throws IOException {
        TaskCore me = LoopOwner.requireCaller(loop, this);
        me.checkpoint();
        return transport.read(buffer, me);
    }

    @Override
    String sourceName() {
        return "the connection to " + remoteAddressText();
    }

    private String remoteAddressText() {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException closed) {
            return "a closed socket";
        }
    }
}
