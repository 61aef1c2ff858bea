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

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.internal.park.Parking;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A TCP server on a loop: asyncio's {@code start_server}. It accepts in a task of its own and
 * serves each connection in a new task with the {@link ConnectionHandler}; a failure stays with
 * its connection.
 *
 * {@snippet :
 * Weft.run(() -> {
 *     try (var server = TcpServer.serve(new InetSocketAddress("127.0.0.1", 7000), connection -> {
 *         String line;
 *         while ((line = connection.readLine()) != null) {
 *             connection.write(line + "\n");            // echo
 *         }
 *     })) {
 *         Weft.sleep(Duration.ofHours(1));
 *     }
 * });
 * }
 *
 * <p><b>Closing:</b> {@link #close(Duration)} stops accepting, lets the connections finish for up
 * to the grace period, then cancels those still open and waits for them; {@link #close()} cancels
 * them at once.
 *
 * <p><b>Thread safety:</b> {@link #port()}, {@link #connections()} and the closing methods may be
 * called from any task of any loop; closing waits, so it is a cancellation point.
 */
public final class TcpServer implements AutoCloseable {
    /**
     * How long a TLS handshake may take unless the server says otherwise: a few seconds, enough
     * for a slow client on a slow network, short enough that silent clients cannot pile up.
     */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    /** How many connections the acceptor takes before it lets the loop's other tasks run. */
    private static final int ACCEPTS_PER_TURN = 64;

    private final ServerSocketChannel channel;
    private final Loop loop;
    private final LoopCore core;                       // the loop's machinery
    private final ConnectionHandler handler;
    private final Set<Task<?>> connections = ConcurrentHashMap.newKeySet();
    private final SocketAddress address;               // an IP address and port, or a path
    private final SSLContext tls;                      // null: plain TCP
    private final Duration handshakeTimeout;           // TLS only
    private Task<Void> acceptor;

    private TcpServer(ServerSocketChannel channel, Loop loop, ConnectionHandler handler,
            SSLContext tls, Duration handshakeTimeout) throws IOException {
        this.channel = channel;
        this.handshakeTimeout = handshakeTimeout;
        this.loop = loop;
        this.core = LoopOwner.ofCallingTask("TcpServer.serve");
        this.handler = handler;
        this.tls = tls;
        this.address = channel.getLocalAddress();
        core.holdings().own(channel, this);
    }

    /**
     * Listens on {@code address} (port 0 picks a free one) and serves each connection in a new
     * task of the calling task's loop.
     *
     * @throws java.net.BindException if the address is in use
     * @throws WrongThreadException if the caller is not a task
     */
    public static TcpServer serve(InetSocketAddress address, ConnectionHandler handler)
            throws IOException {
        return start(address, handler, null, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /**
     * Listens on {@code address} and serves each connection over TLS with {@code context}: the
     * handshake runs in the connection's task before the handler, bounded by
     * {@link #DEFAULT_HANDSHAKE_TIMEOUT}; a failed or timed-out handshake ends that connection
     * only, and is reported.
     *
     * @throws java.net.BindException if the address is in use
     * @throws WrongThreadException if the caller is not a task
     */
    public static TcpServer serveTls(InetSocketAddress address, SSLContext context,
            ConnectionHandler handler) throws IOException {
        return serveTls(address, context, DEFAULT_HANDSHAKE_TIMEOUT, handler);
    }

    /**
     * Listens on {@code address} and serves each connection over TLS with {@code context}, as
     * {@link #serveTls(InetSocketAddress, SSLContext, ConnectionHandler)} does, with the
     * handshake bounded by {@code handshakeTimeout} on the loop's clock (a cancel scope, as
     * {@link Weft#timeout} is): a client that sends half a hello, or nothing, holds a task and a
     * socket for no longer.
     *
     * @throws IllegalArgumentException if the timeout is negative
     * @throws java.net.BindException if the address is in use
     * @throws WrongThreadException if the caller is not a task
     */
    public static TcpServer serveTls(InetSocketAddress address, SSLContext context,
            Duration handshakeTimeout, ConnectionHandler handler) throws IOException {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative()) {
            throw new IllegalArgumentException("handshake timeout must not be negative: "
                    + handshakeTimeout);
        }
        return start(address, handler, Objects.requireNonNull(context, "context"),
                handshakeTimeout);
    }

    /**
     * Listens on a Unix-domain socket at {@code path} (which must not exist yet; it is deleted
     * when the server closes) and serves each connection in a new task of the calling task's
     * loop, as {@link #serve} does: for processes of one machine talking to each other, such as
     * a parent and the child JVMs it started.
     *
     * @throws java.net.BindException if {@code path} exists
     * @throws WrongThreadException if the caller is not a task
     */
    public static TcpServer serveUnix(Path path, ConnectionHandler handler) throws IOException {
        Objects.requireNonNull(path, "path");
        return start(UnixDomainSocketAddress.of(path), handler, null, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    private static TcpServer start(SocketAddress address, ConnectionHandler handler,
            SSLContext tls, Duration handshakeTimeout) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(handler, "handler");
        if (!Weft.inTask()) {
            throw new WrongThreadException("TcpServer.serve must be called from a task; start one "
                    + "with Weft.run(...)");
        }
        boolean unix = address instanceof UnixDomainSocketAddress;
        ServerSocketChannel channel = unix ? ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                : ServerSocketChannel.open();
        try {
            if (!unix) {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            channel.configureBlocking(false);
            channel.bind(address, 1024);
            var server = new TcpServer(channel, Weft.current().loop(), handler, tls,
                    handshakeTimeout);
            server.acceptor = Weft.spawn("tcp-server-" + server.name(), server::acceptLoop);
            return server;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Returns the port the server listens on.
     *
     * @throws IllegalStateException for a Unix-domain server, which has a path instead
     */
    public int port() {
        return address().getPort();
    }

    /**
     * Returns the address the server listens on.
     *
     * @throws IllegalStateException for a Unix-domain server, which has a path instead
     */
    public InetSocketAddress address() {
        if (address instanceof InetSocketAddress inet) {
            return inet;
        }
        throw new IllegalStateException("a Unix-domain server listens on " + address
                + ", not on an IP address and port; use path()");
    }

    /**
     * Returns the path of a Unix-domain server's socket.
     *
     * @throws IllegalStateException for a TCP server
     */
    public Path path() {
        if (address instanceof UnixDomainSocketAddress unix) {
            return unix.getPath();
        }
        throw new IllegalStateException("a TCP server listens on " + address + ", not on a path");
    }

    private String name() {
        return address instanceof InetSocketAddress inet ? String.valueOf(inet.getPort())
                : String.valueOf(address);
    }

    /** Returns how many connections are being served now. */
    public int connections() {
        return (int) connections.stream().filter(task -> !task.isDone()).count();
    }

    /** Stops accepting and cancels the open connections at once; see {@link #close(Duration)}. */
    @Override
    public void close() throws IOException {
        close(Duration.ZERO);
    }

    /**
     * Stops accepting, waits up to {@code grace} for the open connections to finish, then
     * cancels those left and waits for them. This is a {@linkplain dev.weft cancellation point}.
     */
    public void close(Duration grace) throws IOException {
        Objects.requireNonNull(grace, "grace");
        if (!Weft.inTask()) {
            throw new WrongThreadException("a TcpServer must be closed from a task, since closing "
                    + "waits for its connections");
        }
        if (acceptor != null) {
            acceptor.cancel();
        }
        core.holdings().forget(channel);
        channel.close();
        try {
            List<Task<?>> open = List.copyOf(connections);
            if (!grace.isZero()) {
                Weft.joinAll(open, grace);
            }
            open.forEach(Task::cancel);   // those still open after the grace period
            Weft.joinAll(open);
            if (acceptor != null) {
                acceptor.join();
            }
        } finally {
            if (address instanceof UnixDomainSocketAddress unix) {
                Files.deleteIfExists(unix.getPath());   // a socket's file outlives its channel
            }
        }
    }

    @Override
    public String toString() {
        return "TcpServer[" + address + ", " + connections() + " connection(s)"
                + (channel.isOpen() ? "" : ", closed") + "]";
    }

    private void acceptLoop() throws IOException {
        TaskCore me = TaskCore.current();
        int acceptedInARow = 0;
        while (channel.isOpen()) {
            if (++acceptedInARow % ACCEPTS_PER_TURN == 0) {
                Weft.yieldNow();   // a burst of connections must not starve the loop's others
            }
            SocketChannel accepted;
            try {
                accepted = channel.accept();
            } catch (java.nio.channels.ClosedChannelException closed) {
                return;   // close() stopped the server
            }
            if (accepted == null) {
                try {
                    LoopOwner.awaitReady(me, channel, SelectionKey.OP_ACCEPT);
                } catch (java.nio.channels.ClosedChannelException closed) {
                    return;
                }
                continue;
            }
            serve(accepted);
        }
    }

    private void serve(SocketChannel accepted) throws IOException {
        TcpConnection connection;
        try {
            connection = new TcpConnection(accepted, core);
        } catch (IOException e) {
            accepted.close();   // the peer left before we could set the socket up
            return;
        }
        Task<Void> task = loop.spawn("tcp-" + name() + "-" + remotePort(accepted), () -> {
            try (connection) {
                if (tls != null) {
                    SSLEngine engine = tls.createSSLEngine();
                    engine.setUseClientMode(false);
                    Weft.timeout(handshakeTimeout, () -> {
                        connection.startTls(engine, TaskCore.current());
                        return null;
                    });
                }
                handler.handle(connection);
            }
        });
        connections.add(task);
        task.onDone(done -> {
            connections.remove(done);
            if (done.state() == java.util.concurrent.Future.State.FAILED) {
                // Reported now, not when the loop closes: a server may run for months.
                loop.report(done + " failed; its connection was closed, the server goes on",
                        done.exceptionNow());
            }
        });
    }

    private static String remotePort(SocketChannel accepted) {
        try {
            return accepted.getRemoteAddress() instanceof InetSocketAddress inet
                    ? String.valueOf(inet.getPort()) : "unix";
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

}
