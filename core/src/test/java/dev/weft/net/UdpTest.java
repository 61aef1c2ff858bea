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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Task;
import dev.weft.Weft;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class UdpTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void twoSocketsOnOneLoopExchangeDatagrams() {
        String reply = Weft.run(() -> {
            try (var server = UdpSocket.bind(ANY_PORT); var client = UdpSocket.bind(ANY_PORT)) {
                Task<Void> echo = Weft.spawn(() -> {
                    Datagram request = server.receive();
                    server.send(("echo " + new String(request.data(), StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8), request.sender());
                });
                client.send("ping".getBytes(StandardCharsets.UTF_8), server.localAddress());
                Datagram answer = client.receive();
                echo.join();
                assertThat(answer.sender()).isEqualTo(server.localAddress());
                return new String(answer.data(), StandardCharsets.UTF_8);
            }
        });
        assertThat(reply).isEqualTo("echo ping");
    }

    @Test
    void aReceiveCanBeBoundedByATimeoutAndABusyPortIsRefused() {
        Weft.run(() -> {
            try (var socket = UdpSocket.bind(ANY_PORT)) {
                assertThatThrownBy(() -> Weft.timeout(Duration.ofMillis(20), socket::receive))
                        .isInstanceOf(TimeoutException.class);
                assertThatThrownBy(() -> UdpSocket.bind(socket.localAddress()))
                        .isInstanceOf(BindException.class);
            }
        });
    }

    @Test
    void aPlainDatagramSocketTalksToAWeftSocket() throws Exception {
        try (var loop = new dev.weft.Loop(); var peer = new java.net.DatagramSocket(0,
                java.net.InetAddress.getLoopbackAddress())) {
            Task<String> weft = loop.spawn(() -> {
                try (var socket = UdpSocket.bind(ANY_PORT)) {
                    socket.send("hello".getBytes(StandardCharsets.UTF_8),
                            (InetSocketAddress) peer.getLocalSocketAddress());
                    return new String(socket.receive().data(), StandardCharsets.UTF_8);
                }
            });
            var packet = new java.net.DatagramPacket(new byte[100], 100);
            peer.receive(packet);
            byte[] answer = ("re: " + new String(packet.getData(), 0, packet.getLength(),
                    StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            peer.send(new java.net.DatagramPacket(answer, answer.length,
                    packet.getSocketAddress()));
            assertThat(weft.get()).isEqualTo("re: hello");
        }
    }
}
