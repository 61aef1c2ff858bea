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
import dev.weft.net.TcpServer;
import dev.weft.process.Command;
import dev.weft.process.CompletedProcess;
import dev.weft.process.Subprocess;
import dev.weft.process.TaskFiles;
import dev.weft.queue.FifoQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code multiprocessing}: start and join processes, why processes working on one
 * file need a lock, and a producer–consumer between processes over a Unix socket (its
 * {@code Queue}/{@code Pipe} IPC). The children are JVMs running {@link ChildProcessMain}, each
 * with a Weft loop of its own, and a plain command; the parent's loop never blocks on them.
 *
 * <p>Python: {@code p = Process(target=work); p.start(); p.join()}; {@code lock = Lock()},
 * {@code with lock: ...}; {@code q = Queue(); q.put(x); q.get()}.
 */
public final class Multiprocessing {
    /** How many child processes update the shared counter, and how often each. */
    static final int COUNTERS = 3;
    static final int ROUNDS = 20;

    private Multiprocessing() {}

    /** What the example found. */
    public record Outcome(List<String> workers, int withoutLock, int withLock, List<String> items) {}

    /** Runs the example. */
    public static Outcome run(Transcript transcript) {
        return Weft.run(() -> {
            List<String> workers = startAndJoin(transcript);
            int without = countTogether(transcript, false);
            int with = countTogether(transcript, true);
            List<String> items = produceAndConsume(transcript);
            return new Outcome(workers, without, with, items);
        });
    }

    /** Process(target=...).start() three times and a plain command, then join them all. */
    private static List<String> startAndJoin(Transcript transcript) throws Exception {
        var children = new ArrayList<Subprocess>();
        for (String name : List.of("first", "second", "third")) {
            children.add(Command.ofJava(ChildProcessMain.class.getName(), "work", name).start());
        }
        transcript.say("started 3 child JVMs; each works 200 ms");
        CompletedProcess uname = Command.of("uname", "-s").run().check();
        transcript.say("meanwhile `uname -s` said " + uname.stdoutText().strip());
        var said = new ArrayList<String>();
        for (Subprocess child : children) {
            try (child) {
                said.add(child.stdout().readLine());
                child.waitFor();
            }
        }
        said.forEach(transcript::say);
        return said;
    }

    /** Several processes add to one number in one file, with or without a file lock. */
    private static int countTogether(Transcript transcript, boolean locked) throws Exception {
        Path file = Files.createTempFile("weft-counter", ".txt");
        try {
            TaskFiles.writeString(file, "0");
            var runs = new ArrayList<Task<CompletedProcess>>();
            for (int i = 0; i < COUNTERS; i++) {
                runs.add(Weft.spawn(() -> Command.ofJava(ChildProcessMain.class.getName(),
                        "count", file.toString(), String.valueOf(ROUNDS),
                        locked ? "lock" : "nolock").run().check()));
            }
            Weft.gather(runs);
            int total = Integer.parseInt(TaskFiles.readString(file).strip());
            transcript.say((locked ? "with" : "without") + " a file lock: " + COUNTERS
                    + " processes x " + ROUNDS + " additions gave " + total
                    + (total == COUNTERS * ROUNDS ? "" : " (updates were lost)"));
            return total;
        } finally {
            TaskFiles.deleteIfExists(file);
        }
    }

    /** A producer process sends items over a Unix socket; consumers here take them. */
    private static List<String> produceAndConsume(Transcript transcript) throws Exception {
        Path socket = Files.createTempDirectory("weft-ipc").resolve("queue.sock");
        var queue = new FifoQueue<String>(4);
        var items = new ArrayList<String>();
        try (var _ = TcpServer.serveUnix(socket, connection -> {
            for (String line; (line = connection.readLine()) != null; ) {
                queue.put(line);           // waits while the consumers are behind
            }
            queue.shutdown();              // the producer is done
        })) {
            var consumer = Weft.spawn("consumer", () -> {
                try {
                    while (true) {
                        items.add(queue.take());
                    }
                } catch (dev.weft.queue.QueueShutdownException done) {
                    return items.size();
                }
            });
            Command.ofJava(ChildProcessMain.class.getName(), "produce", socket.toString(), "5")
                    .run().check();
            transcript.say("the consumer took " + consumer.result() + " items from the "
                    + "producer process: " + items.getFirst().replaceAll(" from \\d+", "")
                    + " .. " + items.getLast().replaceAll(" from \\d+", ""));
        } finally {
            Files.deleteIfExists(socket.getParent());
        }
        return items;
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
