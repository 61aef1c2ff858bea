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

import dev.weft.Weft;
import dev.weft.net.TcpConnection;
import dev.weft.process.FileLocks;
import dev.weft.process.LockedFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The child side of the multiprocessing examples: a separate JVM, started by
 * {@link Multiprocessing} through {@code Command.ofJava}, that runs a Weft loop of its own.
 *
 * <ul>
 *   <li>{@code work <name>}: works 200 ms (sleeping, as I/O would), prints its pid;</li>
 *   <li>{@code count <file> <times> lock|nolock}: adds 1 to the number in {@code file},
 *       {@code times} times, reading and writing it with or without a file lock;</li>
 *   <li>{@code produce <socket> <items>}: connects to a Unix socket and sends items as lines.</li>
 * </ul>
 */
public final class ChildProcessMain {
    private ChildProcessMain() {}

    /** Runs one of the child's jobs; see the class description. */
    public static void main(String[] args) throws Exception {
        // Normally started by Multiprocessing; a person trying it by hand gets the usage.
        int words = args.length == 0 ? 0 : switch (args[0]) {
            case "work" -> 2;
            case "count" -> 4;
            case "produce" -> 3;
            default -> 0;
        };
        if (words == 0 || args.length != words) {
            System.err.println("usage: ./weft java ChildProcessMain work <name> | count <file> "
                    + "<times> lock|nolock | produce <socket> <items>");
            System.exit(2);
        }
        switch (args[0]) {
            case "work" -> Weft.run(() -> {
                Weft.sleep(Duration.ofMillis(200));
                System.out.println(args[1] + " done in process " + ProcessHandle.current().pid());
            });
            case "count" -> Weft.run(() -> count(Path.of(args[1]), Integer.parseInt(args[2]),
                    args[3].equals("lock")));
            case "produce" -> Weft.run(() -> {
                try (var queue = TcpConnection.connectUnix(Path.of(args[1]))) {
                    for (int i = 1; i <= Integer.parseInt(args[2]); i++) {
                        queue.write("item " + i + " from " + ProcessHandle.current().pid()
                                + "\n");
                    }
                }
            });
            default -> throw new AssertionError("unchecked job " + args[0]);
        }
    }

    /** Read, pause (as real work would), write: the lost update between processes. */
    private static void count(Path file, int times, boolean locked) throws Exception {
        for (int i = 0; i < times; i++) {
            if (locked) {
                try (LockedFile held = FileLocks.lock(file)) {
                    int n = parse(held.readString());
                    Weft.sleep(Duration.ofMillis(1));
                    held.writeString(String.valueOf(n + 1));
                }
            } else {
                int n = parse(Files.readString(file));
                Weft.sleep(Duration.ofMillis(1));
                try (var channel = FileChannel.open(file, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    channel.write(java.nio.ByteBuffer.wrap(
                            String.valueOf(n + 1).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
    }

    private static int parse(String text) {
        return text.isBlank() ? 0 : Integer.parseInt(text.strip());
    }
}
