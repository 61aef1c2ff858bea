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

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.net.TcpConnection;
import java.io.IOException;

/**
 * One connection of an {@link HttpClient}'s pool. While it idles in the pool a watcher task
 * reads it: a server that closes it, or sends anything unasked, makes the watcher evict it at
 * once, so the pool does not hand out a connection the server has already given up on.
 */
final class ClientConnection {
    final String key;              // scheme://host:port
    final TcpConnection tcp;
    final InputBuffer in;
    final HeadParser parser;
    private final OutputBuffer out;
    private Task<?> watcher;
    private boolean reused;

    ClientConnection(String key, TcpConnection tcp) {
        this.key = key;
        this.tcp = tcp;
        this.out = new OutputBuffer(tcp);
        this.in = new InputBuffer(tcp, 8192, 64 * 1024 + 8, out::flush);
        this.parser = new HeadParser(in, 8192, 64 * 1024, 200);
    }

    OutputBuffer out() {
        return out;
    }

    /** Whether it served a request before this one. */
    boolean reused() {
        return reused;
    }

    /** Parks it in the pool: the watcher starts; {@code onLost} runs if the server leaves. */
    void idle(Runnable onLost) {
        reused = true;
        watcher = Loop.current().spawn("http-pool-watch " + key, () -> {
            byte[] one = new byte[1];
            try {
                tcp.read(one, 0, 1);    // anything at all: closed, reset or unasked bytes
            } catch (IOException gone) {
                // the same: the connection is no use
            }
            watcher = null;
            onLost.run();
        });
    }

    /** Takes it out of the pool: stops the watcher; returns false if it was lost meanwhile. */
    boolean take() {
        Task<?> running = watcher;
        watcher = null;
        if (running != null) {
            WatcherTask.stop(running);
        }
        return tcp.isOpen();
    }

    void close() {
        Task<?> running = watcher;
        watcher = null;
        if (running != null) {
            running.cancel();
        }
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing a socket the peer already closed: nothing is lost
        }
    }
}
