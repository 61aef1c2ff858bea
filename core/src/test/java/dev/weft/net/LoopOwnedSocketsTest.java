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

import dev.weft.Loop;
import dev.weft.Weft;
import dev.weft.test.RecordingHandler;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a loop owns of the network is bounded in time and closed with the loop. */
class LoopOwnedSocketsTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.generate();
    }

    @Test
    void silentTlsClientsAreDroppedWhenTheHandshakeTimeoutPasses() throws Exception {
        var problems = new RecordingHandler();
        int clients = 20;
        List<Integer> endings;
        try (var loop = new Loop(problems.options())) {
            endings = loop.run(() -> {
                try (var server = TcpServer.serveTls(ANY_PORT, certificates.server,
                        Duration.ofMillis(50), connection -> {
                            throw new AssertionError("no handler may run without a handshake");
                        })) {
                    var silent = new ArrayList<TcpConnection>();
                    for (int i = 0; i < clients; i++) {
                        silent.add(TcpConnection.connect("127.0.0.1", server.port()));
                    }
                    silent.getFirst().write(new byte[] {0x16, 0x03, 0x01});   // half a record
                    var ends = new ArrayList<Integer>();
                    for (TcpConnection client : silent) {
                        try (client) {
                            ends.add(client.read(16).length);   // the server hangs up: EOF
                        }
                    }
                    return ends;
                }
            });
        }
        assertThat(endings).hasSize(clients).containsOnly(0);
        assertThat(problems.reported()).hasSize(clients).allSatisfy(problem ->
                assertThat(problem.error()).isInstanceOf(
                        java.util.concurrent.TimeoutException.class));
    }

    @Test
    void aServerLeftOpenIsClosedWithItsLoopAndReported() throws Exception {
        var problems = new RecordingHandler();
        int port;
        try (var loop = new Loop(problems.options())) {
            port = loop.run(() -> TcpServer.serve(ANY_PORT, connection -> { }).port());
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                .isInstanceOf(ConnectException.class);   // nobody listens any more
        assertThat(problems.messages()).anyMatch(message -> message.startsWith("TcpServer[")
                && message.contains("was still open when loop"));
    }

    @Test
    void aConnectionAndAUdpSocketLeftOpenAreClosedWithTheirLoopAndReported() throws Exception {
        var problems = new RecordingHandler();
        TcpConnection[] connection = new TcpConnection[1];
        UdpSocket[] udp = new UdpSocket[1];
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                var server = TcpServer.serve(ANY_PORT, c -> c.readLine());
                connection[0] = TcpConnection.connect("127.0.0.1", server.port());
                udp[0] = UdpSocket.bind(ANY_PORT);
                return null;
            });
        }
        assertThat(connection[0].isOpen()).isFalse();
        assertThat(problems.messages())
                .anyMatch(message -> message.startsWith("TcpConnection")
                        && message.contains("was still open"))
                .anyMatch(message -> message.startsWith("UdpSocket")
                        && message.contains("was still open"));
    }

    @Test
    void aNegativeHandshakeTimeoutIsRefused() {
        Weft.run(() -> {
            assertThatThrownBy(() -> TcpServer.serveTls(ANY_PORT, SSLContext.getDefault(),
                    Duration.ofSeconds(-1), c -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("handshake timeout must not be negative: PT-1S");
            return null;
        });
    }
}
