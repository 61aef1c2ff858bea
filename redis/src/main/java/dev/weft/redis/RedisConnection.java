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

package dev.weft.redis;

import dev.weft.Weft;
import dev.weft.net.TcpConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * One connection to Redis, owned by the task that opened it (Weft's loop-owned socket): a
 * command is written and its reply read by the caller, which parks meanwhile. Several commands
 * in one {@link #pipeline} cost one round trip.
 *
 * <p>A connection interrupted in the middle of a reply (a cancellation, a timeout, a failure)
 * cannot know where the next reply starts, so it closes itself; {@link Redis} then opens another.
 * An error reply ({@link RedisErrorException}) leaves it usable.
 */
public final class RedisConnection implements AutoCloseable {
    private final TcpConnection socket;
    private final RedisConfig config;
    private boolean broken;   // the owner only
    private final CommandBuffer out = new CommandBuffer();   // the owner only

    private RedisConnection(TcpConnection socket, RedisConfig config) {
        this.socket = socket;
        this.config = config;
    }

    /**
     * Connects, authenticates if the config says so, and checks the server answers. This is a
     * cancellation point.
     *
     * @throws RedisConnectException if the server cannot be reached or refuses the password
     */
    public static RedisConnection open(RedisConfig config) throws RedisConnectException {
        try {
            return Weft.timeout(config.connectTimeout(), () -> openNow(config));
        } catch (TimeoutException e) {
            throw new RedisConnectException("Redis at " + config.address() + " did not answer "
                    + "within " + config.connectTimeout().toMillis() + " ms of connecting "
                    + "(RedisConfig.withConnectTimeout sets how long to wait)", e);
        }
    }

    private static RedisConnection openNow(RedisConfig config) throws RedisConnectException {
        TcpConnection socket;
        try {
            socket = config.tls() == null ? TcpConnection.connect(config.host(), config.port())
                    : TcpConnection.connectTls(config.host(), config.port(), config.tls());
        } catch (IOException e) {
            throw new RedisConnectException("cannot connect to Redis at " + config.address()
                    + ": " + e.getMessage() + " (is redis-server running there"
                    + (config.tls() != null ? ", with TLS on this port" : "") + "?)", e);
        }
        var connection = new RedisConnection(socket, config);
        try {
            if (config.password() != null) {
                connection.call(config.user() == null ? List.of("AUTH", config.password())
                        : List.of("AUTH", config.user(), config.password()));
            }
            connection.call(List.of("PING"));
            return connection;
        } catch (RedisErrorException refused) {
            connection.close();
            throw new RedisConnectException("Redis at " + config.address() + " refused "
                    + (refused.hasCode("WRONGPASS") || refused.hasCode("NOAUTH")
                    ? "the connection: give the right user and password with "
                    + "RedisConfig.withPassword" : "the connection") + ": "
                    + refused.getMessage(), refused);
        } catch (IOException e) {
            connection.close();
            throw new RedisConnectException("Redis at " + config.address() + " closed the "
                    + "connection while it was set up: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Sends one command and returns its reply: a {@link String}, {@link Long}, {@code byte[]},
     * {@link List} or null. This is a cancellation point.
     *
     * @throws RedisErrorException if Redis answers with an error
     * @throws IOException if the connection fails (it is then closed)
     */
    public Object call(List<?> command) throws IOException {
        Object reply = pipeline(List.of(command)).getFirst();
        if (reply instanceof RedisErrorException error) {
            throw error;
        }
        return reply;
    }

    /** Sends one command, given as its words; see {@link #call(List)}. */
    public Object call(Object... command) throws IOException {
        return call(List.of(command));
    }

    /**
     * Sends several commands in one write and reads their replies, in order; an error reply is
     * a {@link RedisErrorException} in its place in the list, not thrown. This is a
     * cancellation point.
     *
     * @throws IOException if the connection fails (it is then closed)
     */
    public List<Object> pipeline(List<? extends List<?>> commands) throws IOException {
        if (broken) {
            throw new IOException("this connection to Redis at " + config.address()
                    + " was closed after an interrupted reply; open another");
        }
        out.reset();
        for (List<?> command : commands) {
            RespCommands.encode(command, out);
        }
        boolean complete = false;
        try {
            out.writeTo(socket);
            var replies = new ArrayList<>(commands.size());
            for (List<?> command : commands) {
                replies.add(RespReplies.read(socket, command));
            }
            complete = true;
            return replies;
        } catch (java.io.EOFException ended) {
            throw new IOException("Redis at " + config.address() + " closed the connection",
                    ended);
        } finally {
            if (!complete) {   // a reply may be half read: nothing after it can be trusted
                broken = true;
                closeSocket();
            }
        }
    }

    /** Returns whether the connection can still be used. */
    public boolean isUsable() {
        return !broken && socket.isOpen();
    }

    /** Closes the socket. */
    @Override
    public void close() {
        broken = true;
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // closing a socket whose peer is gone: nothing is left to release
        }
    }

    @Override
    public String toString() {
        return "RedisConnection[" + config.address() + (isUsable() ? "" : ", closed") + "]";
    }

}
