package dev.weft.net;

/** The handler most network tests use: echoes each line until the peer ends its side. */
final class EchoLines {
    private EchoLines() {}

    static final ConnectionHandler HANDLER = connection -> {
        String line;
        while ((line = connection.readLine()) != null) {
            connection.write(line + "\n");
        }
    };
}
