package dev.weft.net;

import java.io.IOException;

/**
 * Thrown by {@link TcpConnection#readLine} and {@link TcpConnection#readUntil} when the peer sent
 * more than the limit without the delimiter: asyncio's {@code LimitOverrunError}. The bytes stay
 * unread, so the caller may skip them or close the connection.
 */
public final class LimitOverrunException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the limit. */
    public LimitOverrunException(String message) {
        super(message);
    }
}
