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
