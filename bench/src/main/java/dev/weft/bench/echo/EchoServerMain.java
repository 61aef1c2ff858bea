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

package dev.weft.bench.echo;

import dev.weft.Weft;
import dev.weft.exec.Offload;
import dev.weft.net.TcpServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;


/**
 * W4's echo server, one kind per process: prints {@code PORT <n>} once it listens, and runs until
 * its standard input closes. Each connection's peer sends {@value #MESSAGE}-byte messages and
 * waits for each to come back.
 *
 * <p>Usage: {@code EchoServerMain weft-net|weft-javanet|jdk-threads|netty}.
 */
public final class EchoServerMain {
    /** The size of every message. */
    public static final int MESSAGE = 64;

    private EchoServerMain() {}

    /** Runs the server named by the argument. */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "weft-net" -> weftNet();
            case "weft-javanet" -> weftJavaNet();
            case "jdk-threads" -> jdkThreads();
            case "netty" -> netty();
            default -> throw new IllegalArgumentException("unknown server " + args[0]
                    + "; expected weft-net, weft-javanet, jdk-threads or netty");
        }
    }

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 0);

    /** Weft's own networking: the loop's selector. */
    private static void weftNet() {
        Weft.run(() -> {
            try (var server = TcpServer.serve(LOCAL, connection -> {
                byte[] message = new byte[MESSAGE];
                while (true) {
                    int got = 0;
                    while (got < MESSAGE) {
                        int n = connection.read(message, got, MESSAGE - got);
                        if (n < 0) {
                            return;
                        }
                        got += n;
                    }
                    connection.write(message);
                }
            })) {
                announce(server.port());
                Offload.run(EchoServerMain::waitForStdinToClose);   // stdin would block the loop
            }
        });
    }

    /** Plain java.net sockets inside Weft tasks: the JDK's poller hands readiness over. */
    @SuppressWarnings("try")   // closing the server from a second task is what ends accept()
    private static void weftJavaNet() {
        Weft.run(() -> {
            try (var server = new ServerSocket()) {
                server.bind(LOCAL, 1024);
                announce(server.getLocalPort());
                Weft.spawn(() -> {
                    Offload.run(EchoServerMain::waitForStdinToClose);
                    server.close();
                });
                while (true) {
                    Socket socket;
                    try {
                        socket = server.accept();
                    } catch (IOException closed) {
                        return null;
                    }
                    Weft.spawn(() -> echo(socket));
                }
            }
        });
    }

    /** JDK virtual threads on the default scheduler (one carrier when run with its flags). */
    private static void jdkThreads() throws Exception {
        try (var server = new ServerSocket()) {
            server.bind(LOCAL, 1024);
            announce(server.getLocalPort());
            Thread.ofPlatform().daemon(true).start(() -> {
                waitForStdinToClose();
                System.exit(0);
            });
            while (true) {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> {
                    try {
                        echo(socket);
                    } catch (IOException e) {
                        // the load client went away: this connection ends
                    }
                });
            }
        }
    }

    private static void echo(Socket socket) throws IOException {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] message = new byte[MESSAGE];
            while (in.readNBytes(message, 0, MESSAGE) == MESSAGE) {
                out.write(message);
                out.flush();
            }
        }
    }

    /** Netty with one event-loop thread; epoll where available. */
    private static void netty() throws Exception {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, handlers);
        try {
            var bootstrap = new ServerBootstrap().group(group).channel(channel)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel child) {
                            child.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext context, Object msg) {
                                    context.write(msg);
                                }

                                @Override
                                public void channelReadComplete(ChannelHandlerContext context) {
                                    context.flush();
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext context,
                                        Throwable cause) {
                                    context.close();
                                }
                            });
                        }
                    });
            var bound = bootstrap.bind(LOCAL).sync().channel();
            System.err.println("netty transport: " + (epoll ? "epoll" : "nio"));
            announce(((InetSocketAddress) bound.localAddress()).getPort());
            waitForStdinToClose();
            bound.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    private static void announce(int port) {
        System.out.println("PORT " + port);
        System.out.flush();
    }

    private static void waitForStdinToClose() {
        try {
            while (System.in.read() >= 0) {
                // the runner writes nothing; it closes the stream to stop the server
            }
        } catch (IOException e) {
            // the runner went away: stop too
        }
    }
}
