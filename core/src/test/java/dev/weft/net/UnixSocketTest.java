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
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketTest {

    @Test
    void aUnixSocketEchoesLinesWithTheTcpVerbs(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("echo.sock");
        String reply = Weft.run(() -> {
            try (var server = TcpServer.serveUnix(socket, EchoLines.HANDLER);
                    var client = TcpConnection.connectUnix(socket)) {
                assertThat(server.path()).isEqualTo(socket);
                client.write("over a path\n");
                return client.readLine();
            }
        });
        assertThat(reply).isEqualTo("over a path");
        assertThat(Files.exists(socket)).isFalse();   // the server removed its file
    }

    @Test
    void aUnixServerHasAPathNotAPort(@TempDir Path dir) {
        Weft.run(() -> {
            try (var server = TcpServer.serveUnix(dir.resolve("s.sock"), EchoLines.HANDLER)) {
                assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("use path()");
            }
            return null;
        });
    }

    @Test
    void bindingAPathThatExistsFails(@TempDir Path dir) throws Exception {
        Path taken = Files.createFile(dir.resolve("taken.sock"));
        assertThatThrownBy(() -> Weft.run(() -> TcpServer.serveUnix(taken, EchoLines.HANDLER)))
                .hasCauseInstanceOf(BindException.class);
    }
}
