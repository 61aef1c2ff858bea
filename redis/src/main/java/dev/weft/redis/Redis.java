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

import dev.weft.Loop;
import dev.weft.Weft;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client of one Redis server for the tasks of one loop: ordinary commands share a few
 * connections, blocking commands get {@linkplain #dedicated() connections of their own} (so a
 * blocked {@code XREADGROUP} never delays anyone's {@code INCR}), and a lost server is retried
 * with backoff.
 *
 * {@snippet :
 * try (Redis redis = Redis.connect(RedisConfig.of("127.0.0.1", 6379))) {
 *     redis.call("SET", "greeting", "hello");
 *     byte[] value = (byte[]) redis.call("GET", "greeting");
 * }
 * }
 *
 * <p><b>Threads:</b> the connections are the loop's sockets: use a client from the tasks of the
 * loop that connected it (one client per loop of a {@code LoopGroup}); from anywhere else its
 * methods throw {@link WrongThreadException}.
 *
 * <p><b>Failures:</b> a command that fails because the connection broke is sent again on a new
 * connection, with backoff, until the config's reconnect time is over; so a command may reach
 * the server twice (Redis then applies it twice). An error reply is never retried.
 */
public final class Redis implements AutoCloseable {
    private static final int IDLE_KEPT = 4;

    private final RedisConfig config;
    private final Loop loop;
    private final ArrayDeque<RedisConnection> idle = new ArrayDeque<>();   // the loop only
    private boolean closed;                                                // the loop only

    private Redis(RedisConfig config, Loop loop) {
        this.config = config;
        this.loop = loop;
    }

    /**
     * Connects to the server now, so that a server that is down, or a wrong password, is an
     * error at once. Call it from a task.
     *
     * @throws RedisConnectException naming the address and what to check
     */
    public static Redis connect(RedisConfig config) throws RedisConnectException {
        Objects.requireNonNull(config, "config");
        var redis = new Redis(config, Loop.current());
        redis.idle.push(RedisConnection.open(config));
        return redis;
    }

    /** Returns the config this client was made with. */
    public RedisConfig config() {
        return config;
    }

    /**
     * Sends a command on a shared connection and returns the reply (see
     * {@link RedisConnection#call(List)}). This is a cancellation point.
     *
     * @throws RedisErrorException if Redis answers with an error
     * @throws IOException if the server stays unreachable for the config's reconnect time
     */
    public Object call(Object... command) throws IOException {
        List<?> words = List.of(command);
        Object reply = pipeline(List.of(words)).getFirst();
        if (reply instanceof RedisErrorException error) {
            throw error;
        }
        return reply;
    }

    /**
     * Sends several commands in one round trip on a shared connection; error replies are
     * {@link RedisErrorException}s in their places. This is a cancellation point.
     */
    public List<Object> pipeline(List<? extends List<?>> commands) throws IOException {
        return retrying(connection -> connection.pipeline(commands));
    }

    /**
     * Opens a connection for the caller alone, retrying while the server is unreachable, for a
     * blocking command or a long exchange. The caller closes it.
     */
    public RedisConnection dedicated() throws IOException {
        requireOpen();
        return openOrRetry(null, 0);
    }

    /** Closes the shared connections; dedicated ones are their owners' to close. */
    @Override
    public void close() {
        closed = true;
        RedisConnection connection;
        while ((connection = idle.poll()) != null) {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "Redis[" + config + (closed ? ", closed" : "") + "]";
    }

    /** A use of a connection that may fail with the connection. */
    @FunctionalInterface
    interface ConnectionUse<R> {
        R on(RedisConnection connection) throws IOException;
    }

    /**
     * Runs {@code use} on a shared connection, again on a new one while connections break, for
     * the reconnect time from the first failure. A reply that breaks the protocol is not sent
     * again: the command may have been applied, and would be again.
     */
    <R> R retrying(ConnectionUse<R> use) throws IOException {
        requireOpen();
        IOException lastFailure = null;
        long deadline = 0;
        while (true) {
            RedisConnection connection = idle.poll();
            if (connection == null) {
                connection = lastFailure == null ? openOrRetry(null, 0)
                        : openOrRetry(lastFailure, deadline);
            }
            try {
                R result = use.on(connection);
                release(connection);
                return result;
            } catch (java.net.ProtocolException | dev.weft.net.LimitOverrunException e) {
                connection.close();
                throw e;
            } catch (RedisConnectException e) {
                connection.close();
                throw e;
            } catch (IOException e) {
                connection.close();
                if (lastFailure == null) {
                    deadline = loop.nanoTime() + config.reconnectFor().toNanos();
                } else if (loop.nanoTime() - deadline > 0) {
                    throw giveUp(e);
                }
                lastFailure = e;
            } catch (RuntimeException | Error e) {
                release(connection);   // closed if a reply was cut short, kept if never sent
                throw e;
            }
        }
    }

    /**
     * Opens a connection, retrying with backoff while the server is unreachable or still
     * loading its data, until {@code deadline} (0: the reconnect time from now). A refused
     * password or permission is final.
     */
    private RedisConnection openOrRetry(IOException firstFailure, long deadline)
            throws IOException {
        long giveUpAt = deadline != 0 ? deadline
                : loop.nanoTime() + config.reconnectFor().toNanos();
        long backoff = config.firstBackoff().toNanos();
        IOException last = firstFailure;
        while (true) {
            if (last != null) {
                long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                Weft.sleep(Duration.ofNanos(jittered));
                backoff = Math.min(backoff * 2, config.maxBackoff().toNanos());
            }
            try {
                return RedisConnection.open(config);
            } catch (RedisConnectException e) {
                if (e.getCause() instanceof RedisErrorException refused && (refused.hasCode(
                        "WRONGPASS") || refused.hasCode("NOAUTH") || refused.hasCode("NOPERM"))) {
                    throw e;   // refused, not unreachable: retrying will not help
                }
                last = e;
                if (loop.nanoTime() - giveUpAt > 0) {
                    throw giveUp(e);
                }
            }
        }
    }

    private IOException giveUp(IOException last) {
        return new RedisConnectException("Redis at " + config.address() + " was unreachable for "
                + config.reconnectFor().toSeconds() + " s (RedisConfig.withReconnect sets how "
                + "long to retry): " + last.getMessage(), last);
    }

    private void release(RedisConnection connection) {
        if (closed || !connection.isUsable() || idle.size() >= IDLE_KEPT) {
            connection.close();
        } else {
            idle.push(connection);
        }
    }

    /**
     * Throws unless the caller is a task of this client's loop, whose sockets these are, and so
     * are the queues opened through it; {@code use} says what the caller tried.
     */
    void requireLoop(String use) {
        if (!Weft.inTask() || Loop.current() != loop) {
            throw new WrongThreadException("cannot " + use + " from " + Thread.currentThread()
                    + ": it belongs to loop \"" + loop.name() + "\"; use it from that loop's "
                    + "tasks (loop.spawn(...) runs work there from any thread; one client per "
                    + "loop)");
        }
    }

    private void requireOpen() {
        requireLoop("use " + this);
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
