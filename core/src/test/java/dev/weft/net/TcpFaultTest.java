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

import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.exec.Offload;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TcpFaultTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private static final ConnectionHandler ECHO_LINES = EchoLines.HANDLER;

    @Test
    void aClientSendingOneByteAtATimeHoldsUpNobodyElse() {
        var events = Weft.run(() -> {
            var log = new ArrayList<String>();
            try (var server = TcpServer.serve(ANY_PORT, ECHO_LINES)) {
                Task<Void> slow = Weft.spawn(() -> {
                    try (var client = TcpConnection.connect("127.0.0.1", server.port())) {
                        for (byte b : "slow line\n".getBytes(StandardCharsets.UTF_8)) {
                            client.write(new byte[] {b});
                            Weft.sleep(Duration.ofMillis(10));
                        }
                        log.add("slow got " + client.readLine());
                    }
                });
                try (var fast = TcpConnection.connect("127.0.0.1", server.port())) {
                    for (int i = 0; i < 3; i++) {
                        fast.write("fast " + i + "\n");
                        log.add("fast got " + fast.readLine());
                    }
                }
                slow.join();
            }
            return log;
        });
        assertThat(events).containsExactly("fast got fast 0", "fast got fast 1",
                "fast got fast 2", "slow got slow line");
    }

    @Test
    void aPeerThatStopsAnsweringIsBoundedByATimeoutAndTheServerGoesOn() {
        Weft.run(() -> {
            try (var silent = TcpServer.serve(ANY_PORT, connection ->
                         Weft.sleep(Duration.ofHours(1)));
                    var client = TcpConnection.connect("127.0.0.1", silent.port())) {
                client.write("anyone there?\n");
                var timedOut = false;
                try {
                    Weft.timeout(Duration.ofMillis(30), client::readLine);
                } catch (java.util.concurrent.TimeoutException expected) {
                    timedOut = true;
                }
                assertThat(timedOut).isTrue();
                assertThat(client.isOpen()).isTrue();   // the caller decides what to do with it
            }
        });
    }

    @Test
    @Tag("stress")
    void tenThousandIdleConnectionsOnOneLoopLeaveItResponsive() throws Exception {
        int idle = 10_000;
        Weft.run(() -> {
            try (var server = TcpServer.serve(ANY_PORT, ECHO_LINES)) {
                String java = ProcessHandle.current().info().command().orElse("java");
                Process clients = new ProcessBuilder(java, "-cp",
                        System.getProperty("java.class.path"), IdleClients.class.getName(),
                        Integer.toString(server.port()), Integer.toString(idle))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    var out = new BufferedReader(new InputStreamReader(clients.getInputStream(),
                            StandardCharsets.UTF_8));
                    String opened = Offload.call(out::readLine);   // a pipe read blocks a loop
                    assertThat(opened).isEqualTo("OPEN " + idle);
                    while (server.connections() < idle) {
                        Weft.sleep(Duration.ofMillis(10));
                    }
                    try (var active = TcpConnection.connect("127.0.0.1", server.port())) {
                        active.write("still quick\n");
                        assertThat(active.readLine()).isEqualTo("still quick");
                    }
                } finally {
                    clients.getOutputStream().close();
                    Offload.call(() -> clients.waitFor(30, TimeUnit.SECONDS));
                }
            }
        });
    }
}
