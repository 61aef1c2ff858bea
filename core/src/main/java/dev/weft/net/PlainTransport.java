package dev.weft.net;

import dev.weft.internal.Parking;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** Bytes straight through the socket. */
final class PlainTransport implements Transport {
    private final SocketChannel channel;

    PlainTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer into, Object me) throws IOException {
        while (true) {
            int count = channel.read(into);
            if (count != 0) {
                return count;
            }
            Parking.get().awaitReady(me, channel, SelectionKey.OP_READ);
        }
    }

    @Override
    public void write(ByteBuffer from, Object me) throws IOException {
        while (from.hasRemaining()) {
            if (channel.write(from) == 0) {
                Parking.get().awaitReady(me, channel, SelectionKey.OP_WRITE);
            }
        }
    }

    @Override
    public void closing() {
        // nothing to say: the socket's FIN is the goodbye
    }
}
