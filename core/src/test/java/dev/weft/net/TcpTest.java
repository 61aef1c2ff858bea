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

import static dev.weft.Outcomes.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.queue.FifoQueue;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TcpTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private static final ConnectionHandler ECHO_LINES = EchoLines.HANDLER;

    @Test
    void aClientAndAServerOnOneLoopEchoLines() {
        List<String> replies = Weft.run(() -> {
            try (var server = TcpServer.serve(ANY_PORT, ECHO_LINES);
                    var client = TcpConnection.connect("127.0.0.1", server.port())) {
                var got = new ArrayList<String>();
                for (String line : List.of("one", "two", "three")) {
                    client.write(line + "\r\n");
                    got.add(client.readLine());
                }
                return got;
            }
        });
        assertThat(replies).containsExactly("one", "two", "three");
    }

    @Test
    void aHostNameThatDoesNotResolveIsTheJdksUnknownHostException() {
        // .invalid never resolves (RFC 6761); the lookup runs on the worker pool
        Throwable failure = Weft.run(() -> {
            try {
                TcpConnection.connect("no-such-host.invalid", 80).close();
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        assertThat(failure).isInstanceOf(java.net.UnknownHostException.class)
                .hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void aHundredClientsAreServedAtOnceByOneLoop() {
        int clients = 100;
        List<Integer> totals = Weft.run(() -> {
            try (var server = TcpServer.serve(ANY_PORT, ECHO_LINES)) {
                var tasks = new ArrayList<Task<Integer>>();
                for (int c = 0; c < clients; c++) {
                    int id = c;
                    tasks.add(Weft.spawn(() -> {
                        try (var client = TcpConnection.connect("127.0.0.1", server.port())) {
                            int sum = 0;
                            for (int i = 0; i < 20; i++) {
                                client.write(id + ":" + i + "\n");
                                sum += Integer.parseInt(client.readLine().split(":")[1]);
                            }
                            return sum;
                        }
                    }));
                }
                return Weft.gather(tasks);
            }
        });
        assertThat(totals).hasSize(clients).containsOnly(190);
    }

    @Test
    void readVerbsSplitTheStreamAsAsked() {
        Weft.run(() -> {
            try (var server = TcpServer.serve(ANY_PORT, connection -> {
                connection.write("HEADER|abcdefgh\nrest");
                connection.shutdownOutput();
                connection.readLine();   // waits for the client to finish
            }); var client = TcpConnection.connect("127.0.0.1", server.port())) {
                assertThat(new String(client.readUntil("|".getBytes(), 100), StandardCharsets.UTF_8))
                        .isEqualTo("HEADER|");
                assertThat(new String(client.readExactly(3), StandardCharsets.UTF_8))
                        .isEqualTo("abc");
                assertThat(client.readLine()).isEqualTo("defgh");
                assertThat(client.readLine()).isEqualTo("rest");   // unterminated, at the end
                assertThat(client.readLine()).isNull();
                assertThat(client.read(10)).isEmpty();
                assertThatThrownBy(() -> client.readExactly(1)).isInstanceOf(EOFException.class);
                client.write("bye\n");
            }
        });
    }

    @Test
    void streamViewsServeLibrariesThatWantJavaIo() {
        String reply = Weft.run(() -> {
            try (var server = TcpServer.serve(ANY_PORT, connection -> {
                var in = new java.io.DataInputStream(connection.inputStream());
                var out = new java.io.DataOutputStream(connection.outputStream());
                out.writeUTF("got " + in.readUTF());
                out.flush();
            }); var client = TcpConnection.connect("127.0.0.1", server.port())) {
                var out = new java.io.DataOutputStream(client.outputStream());
                out.writeUTF("a UTF string");
                out.flush();
                return new java.io.DataInputStream(client.inputStream()).readUTF();
            }
        });
        assertThat(reply).isEqualTo("got a UTF string");
    }

    @Test
    void aLineLongerThanTheLimitFailsAndLeavesTheBytesUnread() {
        Weft.run(() -> {
            try (var server = TcpServer.serve(ANY_PORT, connection -> {
                connection.write("x".repeat(100) + "\nshort\n");
                connection.readLine();
            }); var client = TcpConnection.connect("127.0.0.1", server.port())) {
                assertThatThrownBy(() -> client.readLine(50))
                        .isInstanceOf(LimitOverrunException.class)
                        .hasMessageContaining("limit of 50");
                assertThat(client.readLine(1000)).hasSize(100);
                assertThat(client.readLine()).isEqualTo("short");
                client.write("done\n");
            }
        });
    }

    @Test
    void aReadCancelledByATimeoutConsumesNothing() {
        Weft.run(() -> {
            var go = new FifoQueue<String>();
            try (var server = TcpServer.serve(ANY_PORT, connection -> {
                connection.write(go.take());
                connection.readLine();
            }); var client = TcpConnection.connect("127.0.0.1", server.port())) {
                assertThatThrownBy(() -> Weft.timeout(Duration.ofMillis(20), client::readLine))
                        .isInstanceOf(TimeoutException.class);
                go.put("late line\n");
                assertThat(client.readLine()).isEqualTo("late line");
                client.write("done\n");
            }
        });
    }

    @Test
    void aRefusedConnectionFailsAloneAndABusyPortCannotBeServedTwice() throws Exception {
        int freePort;
        try (var probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        Weft.run(() -> {
            assertThatThrownBy(() -> TcpConnection.connect("127.0.0.1", freePort))
                    .isInstanceOf(ConnectException.class);
            try (var server = TcpServer.serve(ANY_PORT, ECHO_LINES)) {
                assertThatThrownBy(() -> TcpServer.serve(server.address(), ECHO_LINES))
                        .isInstanceOf(BindException.class);
                try (var client = TcpConnection.connect("127.0.0.1", server.port())) {
                    client.write("still serving\n");
                    assertThat(client.readLine()).isEqualTo("still serving");
                }
            }
        });
    }

    @Test
    void aPeerResetFailsOnlyItsOwnConnection() {
        Weft.run(() -> {
            var failures = new FifoQueue<Throwable>();
            try (var server = TcpServer.serve(ANY_PORT, connection -> {
                try {
                    String line;
                    while ((line = connection.readLine()) != null) {
                        connection.write(line + "\n");
                    }
                } catch (IOException e) {
                    failures.put(e);
                }
            })) {
                var resetting = TcpConnection.connect("127.0.0.1", server.port());
                resetting.write("hello\n");
                assertThat(resetting.readLine()).isEqualTo("hello");
                resetLike(resetting);
                assertThat(failures.take()).isInstanceOf(IOException.class);
                try (var other = TcpConnection.connect("127.0.0.1", server.port())) {
                    other.write("fine\n");
                    assertThat(other.readLine()).isEqualTo("fine");
                }
            }
        });
    }

    /** Closes with SO_LINGER 0, so the peer gets a reset, not an orderly end. */
    private static void resetLike(TcpConnection connection) throws IOException {
        connection.setLingerZeroForTests();
        connection.close();
    }

    @Test
    void bigWritesWaitForASlowReaderAndArriveWhole() {
        byte[] data = new byte[8 * 1024 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        byte[] received = Weft.run(() -> {
            var result = new FifoQueue<byte[]>();
            try (var server = TcpServer.serve(ANY_PORT, connection -> {
                Weft.sleep(Duration.ofMillis(50));   // the writer fills the socket buffers first
                result.put(connection.readExactly(data.length));
            }); var client = TcpConnection.connect("127.0.0.1", server.port())) {
                client.write(data);
                return result.take();
            }
        });
        assertThat(Arrays.equals(received, data)).isTrue();
    }

    @Test
    void closingWithAGracePeriodCancelsTheConnectionsStillOpen() {
        Weft.run(() -> {
            var cancelled = new FifoQueue<String>();
            var server = TcpServer.serve(ANY_PORT, connection -> {
                try {
                    connection.readLine();   // the client never writes
                } finally {
                    cancelled.offer("handler ended");   // offer: never blocks, so a cancelled
                }                                       // task can still do it
            });
            var client = TcpConnection.connect("127.0.0.1", server.port());
            while (server.connections() == 0) {
                Weft.yieldNow();
            }
            server.close(Duration.ofMillis(20));
            assertThat(cancelled.take()).isEqualTo("handler ended");
            assertThat(server.connections()).isZero();
            assertThat(client.readLine()).isNull();   // the server closed its side
            client.close();
        });
    }

    @Test
    void aPlainJavaNetClientTalksToAWeftServer() throws Exception {
        try (var loop = new Loop()) {
            var ready = new java.util.concurrent.CompletableFuture<Integer>();
            Task<Void> serving = loop.spawn(() -> {
                try (var server = TcpServer.serve(ANY_PORT, ECHO_LINES)) {
                    ready.complete(server.port());
                    Weft.sleep(Duration.ofHours(1));
                }
            });
            try (var socket = new Socket("127.0.0.1", ready.get())) {
                socket.getOutputStream().write("from a thread\n".getBytes(StandardCharsets.UTF_8));
                var reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                        socket.getInputStream(), StandardCharsets.UTF_8));
                assertThat(reader.readLine()).isEqualTo("from a thread");
            }
            serving.cancel();
        }
    }

    @Test
    void aConnectionCannotBeReadFromAnotherLoop() throws Exception {
        try (var first = new Loop(); var second = new Loop()) {
            var server = first.spawn(() -> TcpServer.serve(ANY_PORT, ECHO_LINES)).get();
            TcpConnection client = first.spawn(() ->
                    TcpConnection.connect("127.0.0.1", server.port())).get();
            Task<String> foreign = second.spawn(() -> client.readLine());
            foreign.join();
            assertThat(failureOf(foreign)).isInstanceOf(WrongThreadException.class)
                    .hasMessageContaining("belongs to another loop");
            first.spawn(() -> {
                client.close();
                server.close();
            }).get();
        }
    }
}
