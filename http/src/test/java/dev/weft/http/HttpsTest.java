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
package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Loop;
import dev.weft.Weft;
import dev.weft.test.RecordingHandler;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS: the server over TLS and the client through {@code connectTls}, whose check that the
 * certificate names the host {@code TlsTest} of weft-core covers.
 */
class HttpsTest {
    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.generate();
    }

    private static final Routes ROUTES = Routes.builder()
            .get("/", (request, response) -> response.send("secret"))
            .build();

    @Test
    void aClientThatTrustsTheServerGetsItsAnswersOverOneKeptConnection() {
        Weft.run(() -> {
            try (var server = HttpServer.serveTls(new InetSocketAddress("127.0.0.1", 0),
                    certificates.server, ROUTES);
                    var client = HttpClient.builder().sslContext(certificates.client).build()) {
                for (int i = 0; i < 3; i++) {
                    assertThat(client.get("https://localhost:" + server.port() + "/")
                            .bodyAsString()).isEqualTo("secret");
                }
                assertThat(client.openConnections()).isEqualTo(1);
            }
        });
    }

    @Test
    void aPlainClientOnTheTlsPortGetsNoAnswerAndTheFailedHandshakeIsReported() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                try (var server = HttpServer.serveTls(new InetSocketAddress("127.0.0.1", 0),
                        certificates.server, ROUTES);
                        var client = HttpClient.create()) {
                    assertThatThrownBy(() -> client.get("http://127.0.0.1:" + server.port()
                            + "/")).isInstanceOf(java.io.IOException.class)
                            .isNotInstanceOf(SSLException.class);
                }
                return null;
            });
        }
        assertThat(problems.reported()).hasSize(1);
        assertThat(problems.reported().getFirst().error()).isInstanceOf(SSLException.class);
    }
}
