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

import dev.weft.Weft;
import dev.weft.queue.FifoQueue;
import java.net.InetSocketAddress;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.generate();
    }

    private static final ConnectionHandler ECHO_LINES = EchoLines.HANDLER;

    @Test
    void aTlsClientAndServerOnOneLoopEchoLines() {
        String reply = Weft.run(() -> {
            try (var server = TcpServer.serveTls(ANY_PORT, certificates.server, ECHO_LINES);
                    var client = TcpConnection.connectTls("localhost", server.port(),
                            certificates.client)) {
                client.write("secret one\n");
                String first = client.readLine();
                client.write("secret two\n");
                return first + " / " + client.readLine();
            }
        });
        assertThat(reply).isEqualTo("secret one / secret two");
    }

    @Test
    void aMegabyteCrossesTlsWholeInBothDirections() {
        byte[] data = new byte[1024 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        byte[] back = Weft.run(() -> {
            try (var server = TcpServer.serveTls(ANY_PORT, certificates.server, connection -> {
                connection.write(connection.readExactly(data.length));
            }); var client = TcpConnection.connectTls("localhost", server.port(),
                    certificates.client)) {
                var received = new FifoQueue<byte[]>();
                Weft.spawn(() -> received.put(client.readExactly(data.length)));
                client.write(data);
                return received.take();
            }
        });
        assertThat(Arrays.equals(back, data)).isTrue();
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsAloneAndTheServerGoesOn() {
        var problems = new dev.weft.test.RecordingHandler();
        try (var loop = new dev.weft.Loop(problems.options())) {
            loop.run(() -> {
            try (var server = TcpServer.serveTls(ANY_PORT, certificates.server, ECHO_LINES)) {
                assertThatThrownBy(() -> TcpConnection.connectTls("localhost", server.port(),
                        SSLContext.getDefault()))
                        .isInstanceOf(SSLHandshakeException.class);
                try (var trusting = TcpConnection.connectTls("localhost", server.port(),
                        certificates.client)) {
                    trusting.write("still here\n");
                    assertThat(trusting.readLine()).isEqualTo("still here");
                }
            }
            return null;
            });
        }
        assertThat(problems.messages()).singleElement().asString()   // reported, and survived
                .endsWith("failed; its connection was closed, the server goes on");
    }

    @Test
    void aServerThatSaysGoodbyeEndsTheClientsStreamCleanly() {
        Weft.run(() -> {
            try (var server = TcpServer.serveTls(ANY_PORT, certificates.server,
                    connection -> connection.write("only line\n"));   // then the handler returns
                    var client = TcpConnection.connectTls("localhost", server.port(),
                            certificates.client)) {
                assertThat(client.readLine()).isEqualTo("only line");
                assertThat(client.readLine()).isNull();
            }
        });
    }

    @Test
    void fiftyTlsClientsAreServedAtOnceByOneLoop() {
        var sums = Weft.run(() -> {
            try (var server = TcpServer.serveTls(ANY_PORT, certificates.server, ECHO_LINES)) {
                var clients = new java.util.ArrayList<dev.weft.Task<Integer>>();
                for (int c = 0; c < 50; c++) {
                    clients.add(Weft.spawn(() -> {
                        try (var client = TcpConnection.connectTls("localhost", server.port(),
                                certificates.client)) {
                            int sum = 0;
                            for (int i = 0; i < 10; i++) {
                                client.write(i + "\n");
                                sum += Integer.parseInt(client.readLine());
                            }
                            return sum;
                        }
                    }));
                }
                return Weft.gather(clients);
            }
        });
        assertThat(sums).hasSize(50).containsOnly(45);
    }
}
