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
package dev.weft.bench.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.Weft;
import dev.weft.http.HttpServer;
import dev.weft.http.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * W5's server, one kind per process, on the port given, as TechEmpower's plaintext and JSON
 * tests ask: {@code GET /plaintext} answers {@code Hello, World!}, and {@code GET /json} answers
 * {@code {"message":"Hello, World!"}} serialized by Jackson for each request; both with
 * {@code Date}, {@code Content-Type} and {@code Content-Length}. Runs for the seconds given.
 *
 * <p>Usage: {@code HttpServerMain weft|netty|helidon PORT SECONDS}.
 */
public final class HttpServerMain {
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** TechEmpower's JSON test object. */
    record Message(String message) {}

    private HttpServerMain() {}

    /** Runs the server named by the first argument. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        switch (args[0]) {
            case "weft" -> weft(port, seconds);
            case "netty" -> netty(port, seconds);
            case "helidon" -> helidon(port, seconds);
            default -> throw new IllegalArgumentException("unknown server " + args[0]
                    + "; expected weft, netty or helidon");
        }
    }

    private static void weft(int port, int seconds) {
        Weft.run(() -> {
            Routes routes = Routes.builder()
                    .get("/plaintext", (request, response) ->
                            response.contentType("text/plain").send(HELLO))
                    .get("/json", (request, response) ->
                            response.contentType("application/json").send(json()))
                    .build();
            try (var server = HttpServer.serve(new InetSocketAddress("127.0.0.1", port),
                    routes)) {
                System.out.println("PORT " + server.port());
                Weft.sleep(Duration.ofSeconds(seconds));
            }
        });
    }

    /** The JSON answer, serialized anew as the test asks. */
    private static byte[] json() throws JsonProcessingException {
        return JSON.writeValueAsBytes(new Message("Hello, World!"));
    }

    /** Helidon SE at its defaults: a virtual thread per connection on the JDK's scheduler. */
    private static void helidon(int port, int seconds) throws InterruptedException {
        WebServer server = WebServer.builder().host("127.0.0.1").port(port)
                .routing(routing -> routing
                        .get("/plaintext", (request, response) -> {
                            response.header(HeaderNames.CONTENT_TYPE, "text/plain");
                            response.send(HELLO);
                        })
                        .get("/json", (request, response) -> {
                            response.header(HeaderNames.CONTENT_TYPE, "application/json");
                            response.send(json());
                        }))
                .build().start();
        try {
            System.out.println("PORT " + server.port());
            Thread.sleep(seconds * 1000L);
        } finally {
            server.stop();
        }
    }

    private static void netty(int port, int seconds) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            var bootstrap = new ServerBootstrap().group(group)
                    .channel(EpollServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel child) {
                            child.pipeline().addLast(new HttpServerCodec(),
                                    new SimpleChannelInboundHandler<HttpRequest>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext context,
                                                HttpRequest request) throws Exception {
                                            answer(context, request);
                                        }

                                        @Override
                                        public void channelReadComplete(
                                                ChannelHandlerContext context) {
                                            context.flush();
                                        }
                                    });
                        }
                    });
            var bound = bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).sync()
                    .channel();
            System.out.println("PORT " + ((InetSocketAddress) bound.localAddress()).getPort());
            Thread.sleep(seconds * 1000L);
            bound.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    private static long dateSecond;
    private static String dateText;

    /** The Date value, formatted once a second as Weft's server does (one event loop). */
    private static String date() {
        long second = System.currentTimeMillis() / 1000;
        if (second != dateSecond || dateText == null) {
            dateSecond = second;
            dateText = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.now(java.time.ZoneOffset.UTC));
        }
        return dateText;
    }

    private static void answer(ChannelHandlerContext context, HttpRequest request)
            throws JsonProcessingException {
        boolean json = request.uri().equals("/json");
        byte[] body = json ? json() : HELLO;
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE,
                        json ? HttpHeaderValues.APPLICATION_JSON : HttpHeaderValues.TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.DATE, date());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        var written = context.write(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
