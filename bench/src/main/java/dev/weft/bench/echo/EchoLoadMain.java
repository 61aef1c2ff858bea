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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * W4's load client: one thread, one selector, {@code connections} connections, each sending a
 * {@value EchoServerMain#MESSAGE}-byte message and waiting for it to come back, over and over.
 * Kept as plain as possible so that it is never the part being measured. Prints
 * {@code RESULT <messages per second> <p50 ns> <p99 ns>} over the measured seconds, after a
 * warm-up.
 *
 * <p>Usage: {@code EchoLoadMain <port> <connections> <warm-up seconds> <seconds>}.
 */
public final class EchoLoadMain {
    private EchoLoadMain() {}

    /** One connection's state. */
    private static final class Peer {
        final ByteBuffer out = ByteBuffer.allocate(EchoServerMain.MESSAGE);
        final ByteBuffer in = ByteBuffer.allocate(EchoServerMain.MESSAGE);
        long sentAt;
    }

    /** Runs the load against the port named by the arguments. */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        long warmUp = Long.parseLong(args[2]) * 1_000_000_000L;
        long measure = Long.parseLong(args[3]) * 1_000_000_000L;
        var latencies = new long[1 << 24];
        int count = 0;
        try (var selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                var channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                var peer = new Peer();
                Arrays.fill(peer.out.array(), (byte) i);
                channel.register(selector, SelectionKey.OP_READ, peer);
                send(channel, peer);
            }
            long start = System.nanoTime();
            long measureFrom = start + warmUp;
            long end = measureFrom + measure;
            long now = start;
            while (now < end) {
                selector.select(100);
                now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    var channel = (SocketChannel) key.channel();
                    var peer = (Peer) key.attachment();
                    if (channel.read(peer.in) < 0) {
                        throw new IOException("the server closed a connection");
                    }
                    if (!peer.in.hasRemaining()) {
                        if (now >= measureFrom && count < latencies.length) {
                            latencies[count++] = now - peer.sentAt;
                        }
                        peer.in.clear();
                        send(channel, peer);
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        long[] measured = Arrays.copyOf(latencies, count);
        Arrays.sort(measured);
        long p50 = measured.length == 0 ? 0 : measured[measured.length / 2];
        long p99 = measured.length == 0 ? 0 : measured[(int) (measured.length * 0.99)];
        System.out.println("RESULT " + (long) (count / (measure / 1e9)) + " " + p50 + " " + p99);
    }

    private static void send(SocketChannel channel, Peer peer) throws IOException {
        peer.out.clear();
        peer.sentAt = System.nanoTime();
        while (peer.out.hasRemaining()) {
            channel.write(peer.out);   // 64 bytes always fit an empty socket buffer
        }
    }
}
