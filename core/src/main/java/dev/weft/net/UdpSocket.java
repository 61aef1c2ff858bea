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

import dev.weft.internal.park.Parking;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A UDP socket owned by a loop: asyncio's datagram endpoint, without callbacks. A task waiting to
 * receive parks on the loop's own selector.
 *
 * {@snippet :
 * try (var socket = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
 *     socket.send("ping".getBytes(), peer);
 *     Datagram reply = socket.receive();         // parks; the loop runs other tasks
 * }
 * }
 *
 * <p><b>Threads:</b> a socket belongs to the loop of the task that bound it; send and receive
 * from tasks of that loop, one receiver at a time. {@link #close()} may be called from anywhere.
 * Every send and receive is a {@linkplain dev.weft cancellation point}; a receive cancelled
 * while it waited has taken nothing.
 */
public final class UdpSocket implements AutoCloseable {
    /** The largest datagram received whole; longer ones are cut, as UDP does. */
    public static final int MAX_DATAGRAM = 65_507;

    private final DatagramChannel channel;
    private final LoopCore loop;
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);   // loop thread

    private UdpSocket(DatagramChannel channel, LoopCore loop) {
        this.channel = channel;
        this.loop = loop;
        loop.holdings().own(channel, this);
    }

    /**
     * Binds a socket to {@code address} (port 0 picks a free one).
     *
     * @throws java.net.BindException if the address is in use
     * @throws WrongThreadException if the caller is not a task
     */
    public static UdpSocket bind(InetSocketAddress address) throws IOException {
        Objects.requireNonNull(address, "address");
        LoopCore loop = LoopOwner.ofCallingTask("UdpSocket.bind");
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            channel.configureBlocking(false);
            channel.bind(address);
            return new UdpSocket(channel, loop);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Sends {@code data} to {@code target} as one datagram, waiting if the socket is busy. */
    public void send(byte[] data, InetSocketAddress target) throws IOException {
        Objects.requireNonNull(target, "target");
        TaskCore me = LoopOwner.requireCaller(loop, this);
        me.checkpoint();
        var out = ByteBuffer.wrap(data);
        while (channel.send(out, target) == 0) {
            LoopOwner.awaitReady(me, channel, SelectionKey.OP_WRITE);
        }
    }

    /** Waits for the next datagram and returns it. */
    public Datagram receive() throws IOException {
        TaskCore me = LoopOwner.requireCaller(loop, this);
        me.checkpoint();
        while (true) {
            buffer.clear();
            var sender = (InetSocketAddress) channel.receive(buffer);
            if (sender != null) {
                buffer.flip();
                return new Datagram(Arrays.copyOf(buffer.array(), buffer.limit()), sender);
            }
            LoopOwner.awaitReady(me, channel, SelectionKey.OP_READ);
        }
    }

    /** Returns the address the socket is bound to. */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Closes the socket; callable from any thread. Never blocks. */
    @Override
    public void close() throws IOException {
        loop.holdings().forget(channel);
        channel.close();
    }

    @Override
    public String toString() {
        try {
            return "UdpSocket[" + channel.getLocalAddress() + "]";
        } catch (IOException closed) {
            return "UdpSocket[closed]";
        }
    }
}
