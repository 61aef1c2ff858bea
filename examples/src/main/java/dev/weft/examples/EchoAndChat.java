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

package dev.weft.examples;

import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.net.TcpConnection;
import dev.weft.net.TcpServer;
import dev.weft.queue.FifoQueue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Networking on one loop: an echo server with three clients, then a line-protocol chat room
 * where every line a member sends goes to the others through their outboxes. The room's member
 * table is a plain {@link LinkedHashMap}: every connection is a task of the same loop, so no two
 * ever touch it at once, and no lock is needed.
 */
public final class EchoAndChat {
    private EchoAndChat() {}

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 0);

    /** Runs the example; returns what the chat members heard, per member. */
    public static Map<String, List<String>> run(Transcript transcript) {
        return Weft.run(() -> {
            echo(transcript);
            return chat(transcript);
        });
    }

    private static void echo(Transcript transcript) throws Exception {
        try (var server = TcpServer.serve(LOCAL, connection -> {
            String line;
            while ((line = connection.readLine()) != null) {
                connection.write(line + "\n");
            }
        })) {
            var clients = new ArrayList<Task<String>>();
            for (String word : List.of("ni hao", "hello", "bonjour")) {
                clients.add(Weft.spawn(() -> {
                    try (var client = TcpConnection.connect("127.0.0.1", server.port())) {
                        client.write(word + "\n");
                        return client.readLine();
                    }
                }));
            }
            transcript.say("the echo server answered " + Weft.gather(clients));
        }
    }

    private static Map<String, List<String>> chat(Transcript transcript) throws Exception {
        // Every member has an outbox drained by a writer task of its own, so a slow member
        // slows only its own deliveries. One loop: the table needs no lock.
        Map<String, FifoQueue<String>> members = new LinkedHashMap<>();
        try (var server = TcpServer.serve(LOCAL, connection -> {
            String name = connection.readLine();
            var outbox = new FifoQueue<String>(100);
            members.put(name, outbox);
            Task<Void> writer = Weft.spawn(() -> {
                while (true) {
                    connection.write(outbox.take() + "\n");
                }
            });
            try {
                String line;
                while ((line = connection.readLine()) != null) {
                    for (var member : List.copyOf(members.entrySet())) {
                        if (!member.getKey().equals(name)) {
                            member.getValue().offer(name + ": " + line);   // full: dropped
                        }
                    }
                }
            } finally {
                members.remove(name);
                writer.cancel();
            }
        })) {
            var names = List.of("alex", "wusir", "taibai");
            var connections = new LinkedHashMap<String, TcpConnection>();
            for (String name : names) {
                var connection = TcpConnection.connect("127.0.0.1", server.port());
                connection.write(name + "\n");
                connections.put(name, connection);
            }
            while (members.size() < names.size()) {
                Weft.yieldNow();   // until the server has read every name
            }
            var heard = new LinkedHashMap<String, List<String>>();
            for (String speaker : names) {
                connections.get(speaker).write("hi from " + speaker + "\n");
                for (String listener : names) {
                    if (!listener.equals(speaker)) {
                        heard.computeIfAbsent(listener, unused -> new ArrayList<>())
                                .add(connections.get(listener).readLine());
                    }
                }
            }
            heard.forEach((name, lines) -> transcript.say(name + " heard " + lines));
            for (TcpConnection connection : connections.values()) {
                closeQuietly(connection);
            }
            return heard;
        }
    }

    private static void closeQuietly(TcpConnection connection) {
        try {
            connection.close();
        } catch (IOException alreadyGone) {
            // closing a connection the server has dropped: nothing left to release
        }
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
