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

package dev.weft.internal.hook;

import dev.weft.Loop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a Weft task do the JVM's first blocking socket read, then keeps that loop busy while a
 * plain virtual thread reads from a socket, and prints whether that read completed while the
 * loop was still busy (it must: the JDK's pollers must not run on a Weft loop).
 */
public final class PollerProbe {
    private PollerProbe() {}

    public static void main(String[] args) throws Exception {
        try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> serveOneByteEach(server));
            try (var loop = new Loop()) {
                loop.run(() -> readOneByte(server));   // the first socket wait in this JVM

                var plainReadDone = new AtomicBoolean();
                var busyWhenDone = new AtomicBoolean();
                var loopBusy = new AtomicBoolean(true);
                var spinner = loop.spawn(() -> {
                    long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (!plainReadDone.get() && System.nanoTime() < limit) {
                        Thread.onSpinWait();   // holds the loop's carrier on purpose
                    }
                    loopBusy.set(false);
                    return null;
                });
                Thread plain = Thread.ofVirtual().start(() -> {
                    try {
                        readOneByte(server);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    busyWhenDone.set(loopBusy.get());
                    plainReadDone.set(true);
                });
                plain.join();
                spinner.join();
                System.out.println("plain read completed while the loop was busy: "
                        + busyWhenDone.get());
            }
        }
    }

    private static int readOneByte(ServerSocket server) throws IOException {
        try (var socket = new Socket(server.getInetAddress(), server.getLocalPort())) {
            return socket.getInputStream().read();
        }
    }

    private static void serveOneByteEach(ServerSocket server) {
        while (true) {
            try (Socket peer = server.accept()) {
                peer.getOutputStream().write(7);
            } catch (IOException e) {
                return;   // the server socket was closed: the probe is over
            }
        }
    }
}
