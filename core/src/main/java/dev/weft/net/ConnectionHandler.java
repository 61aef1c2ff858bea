package dev.weft.net;

/**
 * What a {@link TcpServer} does with each connection, in a task of its own; the connection is
 * closed when the handler returns or throws.
 */
@FunctionalInterface
public interface ConnectionHandler {
    /** Serves one connection. */
    void handle(TcpConnection connection) throws Exception;
}
