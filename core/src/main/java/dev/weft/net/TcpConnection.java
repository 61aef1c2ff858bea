package dev.weft.net;

import dev.weft.exec.Offload;
import dev.weft.internal.Parking;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.util.Arrays;
import java.util.Objects;

/**
 * A TCP connection owned by a loop, plain or TLS, with the verbs of asyncio's streams: read up
 * to n bytes, exactly n, a line, up to a delimiter; write; half-close; close. A task waiting to read or
 * write parks on its loop's own selector, so readiness reaches it without a hand-off between
 * threads; plain {@link InputStream} and {@link OutputStream} views serve libraries that want
 * them.
 *
 * {@snippet :
 * try (var connection = TcpConnection.connect("example.org", 80)) {
 *     connection.write("GET / HTTP/1.0\r\nHost: example.org\r\n\r\n");
 *     String status = connection.readLine();          // parks; the loop runs other tasks
 * }
 * }
 *
 * <p><b>Threads:</b> a connection belongs to the loop of the task that made it; its reads and
 * writes must come from tasks of that loop, one reader and one writer at a time. {@link #close()}
 * may be called from anywhere.
 *
 * <p><b>Cancellation and timeouts:</b> every read and write is a
 * {@linkplain dev.weft cancellation point}; bound it with {@code Weft.timeout}. A read cancelled
 * while it waited has consumed nothing: the connection stays usable and the next read sees the
 * same bytes. A write cancelled part-way has sent a prefix of its data; the rest is dropped, so
 * after that the stream is usable only if the protocol can resynchronise.
 *
 * <p><b>Faults</b> stay with the connection: a reset gives this connection's reads and writes an
 * {@link IOException}; an orderly close by the peer is end of stream.
 */
public final class TcpConnection implements AutoCloseable {
    /* How it works: a non-blocking SocketChannel and a heap buffer kept in "read mode" (position
     * = next unread byte, limit = end of data). Reads first serve from the buffer; filling it
     * reads the channel and, when it has nothing, parks the task on the loop's selector. Writes
     * loop until the data is in the kernel, parking when its buffer is full: back-pressure. */

    /** The longest line or delimited chunk read by default: asyncio's 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final int BUFFER = 8 * 1024;   // grows when a line or chunk needs more
    private static final byte[] NEWLINE = {'\n'};

    private final SocketChannel channel;
    private final Object loop;
    private Transport transport;                                  // plain, or TLS once agreed
    private ByteBuffer in = ByteBuffer.allocate(BUFFER).flip();   // loop thread; read mode
    private boolean endOfStream;                                  // loop thread

    TcpConnection(SocketChannel channel, Object loop) throws IOException {
        this.channel = channel;
        this.loop = loop;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.transport = new PlainTransport(channel);
        Parking.get().own(loop, channel, this);
    }

    /**
     * Runs the TLS handshake as client or server, then speaks TLS: the calling task parks while
     * the peer answers.
     */
    void startTls(SSLEngine engine, Object me) throws IOException {
        var tls = new TlsTransport(engine, channel);
        tls.handshake(me);
        transport = tls;
    }

    /**
     * Connects to {@code host}:{@code port}; a host name is looked up on the loop's worker pool,
     * since DNS would block the loop. This is a {@linkplain dev.weft cancellation point}.
     *
     * @throws java.net.ConnectException if the peer refuses
     * @throws java.net.UnknownHostException if the name does not resolve
     * @throws WrongThreadException if the caller is not a task
     */
    public static TcpConnection connect(String host, int port) throws IOException {
        Objects.requireNonNull(host, "host");
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException notALiteral) {
            address = Offload.call(() -> InetAddress.getByName(host));
        }
        return connect(new InetSocketAddress(address, port));
    }

    /**
     * Connects to a resolved {@code address}. This is a {@linkplain dev.weft cancellation
     * point}.
     *
     * @throws java.net.ConnectException if the peer refuses
     * @throws WrongThreadException if the caller is not a task
     */
    public static TcpConnection connect(InetSocketAddress address) throws IOException {
        Objects.requireNonNull(address, "address");
        Parking parking = Parking.get();
        Object loop = LoopOwner.ofCallingTask(parking, "TcpConnection.connect");
        Object me = parking.currentParty();
        parking.checkpoint(me);
        SocketChannel channel = SocketChannel.open();
        boolean connected = false;
        try {
            var connection = new TcpConnection(channel, loop);
            if (!channel.connect(address)) {
                parking.awaitReady(me, channel, SelectionKey.OP_CONNECT);
                channel.finishConnect();
            }
            connected = true;
            return connection;
        } finally {
            if (!connected) {
                parking.forget(loop, channel);
                channel.close();
            }
        }
    }

    /**
     * Connects to {@code host}:{@code port} and runs a TLS handshake as client with
     * {@code context}, checking that the server's certificate names {@code host} (as HTTPS does).
     * This is a {@linkplain dev.weft cancellation point}.
     *
     * @throws javax.net.ssl.SSLException if the handshake fails, for example on a certificate
     *     that is not trusted or does not name the host
     */
    public static TcpConnection connectTls(String host, int port, SSLContext context)
            throws IOException {
        Objects.requireNonNull(context, "context");
        TcpConnection connection = connect(host, port);
        try {
            SSLEngine engine = context.createSSLEngine(host, port);
            engine.setUseClientMode(true);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            connection.startTls(engine, Parking.get().currentParty());
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    /**
     * Reads up to {@code length} bytes into {@code buffer}, waiting until at least one arrives.
     * This is a {@linkplain dev.weft cancellation point}.
     *
     * @return how many bytes were read, or -1 at the end of the stream
     */
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (!in.hasRemaining() && !fill()) {
            return -1;
        }
        int count = Math.min(length, in.remaining());
        in.get(buffer, offset, count);
        return count;
    }

    /**
     * Reads up to {@code max} bytes, waiting until at least one arrives: asyncio's
     * {@code read(n)}. This is a {@linkplain dev.weft cancellation point}.
     *
     * @return the bytes, empty at the end of the stream
     */
    public byte[] read(int max) throws IOException {
        byte[] bytes = new byte[max];
        int count = read(bytes, 0, max);
        return count <= 0 ? new byte[0] : Arrays.copyOf(bytes, count);
    }

    /**
     * Reads exactly {@code count} bytes: asyncio's {@code readexactly}. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws EOFException if the stream ends first; the bytes read so far are lost
     */
    public byte[] readExactly(int count) throws IOException {
        byte[] bytes = new byte[count];
        int done = 0;
        while (done < count) {
            int n = read(bytes, done, count - done);
            if (n < 0) {
                throw new EOFException("the connection ended after " + done + " of " + count
                        + " bytes");
            }
            done += n;
        }
        return bytes;
    }

    /**
     * Reads up to and including {@code delimiter}, at most {@code limit} bytes in all: asyncio's
     * {@code readuntil}. This is a {@linkplain dev.weft cancellation point}.
     *
     * @return the bytes, delimiter included
     * @throws LimitOverrunException if {@code limit} bytes arrive without the delimiter; they stay
     *     unread
     * @throws EOFException if the stream ends before the delimiter
     */
    public byte[] readUntil(byte[] delimiter, int limit) throws IOException {
        Objects.requireNonNull(delimiter, "delimiter");
        if (delimiter.length == 0) {
            throw new IllegalArgumentException("the delimiter must not be empty");
        }
        int searched = 0;
        while (true) {
            int end = indexOf(delimiter, searched);
            if (end >= 0 && end + delimiter.length > limit) {
                throw new LimitOverrunException("the delimiter came after " + end + " bytes, over "
                        + "the limit of " + limit + ", from " + remoteAddressText());
            }
            if (end >= 0) {
                byte[] chunk = new byte[end + delimiter.length];
                in.get(chunk);
                return chunk;
            }
            if (in.remaining() >= limit) {
                throw new LimitOverrunException("no delimiter within " + limit + " bytes from "
                        + remoteAddressText());
            }
            searched = Math.max(0, in.remaining() - delimiter.length + 1);
            if (!fill()) {
                throw new EOFException("the connection ended after " + in.remaining()
                        + " bytes without the delimiter");
            }
        }
    }

    /** Reads a line of at most {@value #DEFAULT_LIMIT} bytes; see {@link #readLine(int)}. */
    public String readLine() throws IOException {
        return readLine(DEFAULT_LIMIT);
    }

    /**
     * Reads a line as UTF-8, without its {@code \n} or {@code \r\n}: asyncio's
     * {@code readline}. This is a {@linkplain dev.weft cancellation point}.
     *
     * @return the line; the last, unterminated line at the end of the stream; or null at the
     *     end of the stream
     * @throws LimitOverrunException if {@code limit} bytes arrive without a newline
     */
    public String readLine(int limit) throws IOException {
        byte[] line;
        try {
            line = readUntil(NEWLINE, limit);
        } catch (EOFException ended) {
            if (!in.hasRemaining()) {
                return null;
            }
            line = new byte[in.remaining()];
            in.get(line);
            return new String(line, StandardCharsets.UTF_8);
        }
        int length = line.length - 1;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    // ---- writing -------------------------------------------------------------------------------

    /**
     * Writes all of {@code bytes}, parking while the peer is slow to take them (back-pressure):
     * asyncio's {@code write} and {@code drain} in one. This is a
     * {@linkplain dev.weft cancellation point}.
     */
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        write(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Writes all of {@code bytes}; see {@link #write(byte[], int, int)}. */
    public void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /** Writes {@code text} as UTF-8; see {@link #write(byte[], int, int)}. */
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes what remains of {@code buffer}; see {@link #write(byte[], int, int)}. */
    public void write(ByteBuffer buffer) throws IOException {
        Parking parking = Parking.get();
        Object me = LoopOwner.requireCaller(parking, loop, this);
        parking.checkpoint(me);
        transport.write(buffer, me);
    }

    /** Half-closes: the peer reads end of stream, and this side may still read. */
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Closes the connection; callable from any thread. Never blocks. */
    @Override
    public void close() throws IOException {
        Parking parking = Parking.get();
        if (channel.isOpen() && parking.loopOf(parking.currentParty()) == loop) {
            transport.closing();   // TLS's goodbye, from the owner's thread only
        }
        parking.forget(loop, channel);
        channel.close();
    }

    /** Makes {@link #close()} reset the connection instead of ending it in order; for tests. */
    void setLingerZeroForTests() throws IOException {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
    }

    /** Returns whether the connection is open. */
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Returns the peer's address. */
    public InetSocketAddress remoteAddress() throws IOException {
        return (InetSocketAddress) channel.getRemoteAddress();
    }

    /** Returns this side's address. */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Returns an {@link InputStream} reading this connection; closing it closes the connection. */
    public InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return TcpConnection.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return TcpConnection.this.read(buffer, offset, length);
            }

            @Override
            public void close() throws IOException {
                TcpConnection.this.close();
            }
        };
    }

    /** Returns an {@link OutputStream} writing this connection; closing it closes the connection. */
    public OutputStream outputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                TcpConnection.this.write(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                TcpConnection.this.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                TcpConnection.this.close();
            }
        };
    }

    @Override
    public String toString() {
        return "TcpConnection[" + remoteAddressText() + (channel.isOpen() ? "" : ", closed") + "]";
    }

    // ---- the buffer ----------------------------------------------------------------------------

    /** Reads more into the buffer, waiting for data; returns false at the end of the stream. */
    private boolean fill() throws IOException {
        if (endOfStream) {
            return false;
        }
        Parking parking = Parking.get();
        Object me = LoopOwner.requireCaller(parking, loop, this);
        parking.checkpoint(me);
        if (in.position() > 0 || in.limit() == in.capacity()) {
            makeRoom();
        }
        in.compact();                          // to write mode
        int count;
        try {
            count = transport.read(in, me);
        } finally {
            in.flip();                         // back to read mode
        }
        if (count < 0) {
            endOfStream = true;
            return false;
        }
        return true;
    }

    /** Moves unread bytes to the front, growing the buffer when it is full of them. */
    private void makeRoom() {
        if (in.remaining() == in.capacity()) {
            in = ByteBuffer.allocate(in.capacity() * 2).put(in).flip();
        }
    }

    /** Where {@code delimiter} starts among the unread bytes, from {@code from}, or -1. */
    private int indexOf(byte[] delimiter, int from) {
        int start = in.position();
        int end = in.limit() - delimiter.length;
        for (int i = start + from; i <= end; i++) {
            int j = 0;
            while (j < delimiter.length && in.get(i + j) == delimiter[j]) {
                j++;
            }
            if (j == delimiter.length) {
                return i - start;
            }
        }
        return -1;
    }

    private String remoteAddressText() {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException closed) {
            return "a closed socket";
        }
    }
}
