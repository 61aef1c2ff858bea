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

import dev.weft.BlockingSite;
import dev.weft.Loop;
import dev.weft.LoopOptions;
import dev.weft.Task;
import dev.weft.TaskDump;
import dev.weft.Weft;
import dev.weft.exec.Offload;
import dev.weft.queue.FifoQueue;
import dev.weft.sync.Lock;
import java.time.Duration;
import java.util.List;

/**
 * Seeing inside a loop: the watchdog catches a task that holds the loop (here a 300 ms
 * computation; file I/O or DNS look the same) and says where; moving the work to
 * {@link Offload} fixes it; a task dump shows every task and what it waits on. Run a program with
 * {@code -Dweft.debug=true} to get all of this, plus spawn sites, without code.
 */
public final class SeeingInside {
    private SeeingInside() {}

    /** What the example saw, for its test. */
    public record Outcome(List<BlockingSite> blocking, TaskDump dump) {}

    /** Runs the example. */
    public static Outcome run(Transcript transcript) {
        var options = LoopOptions.defaults().withName("inside")
                .withWatchdog(Duration.ofMillis(100))
                .withExceptionHandler((loop, message, error) ->
                        transcript.say("watchdog: " + message.lines().findFirst().orElse("")));
        var loop = new Loop(options);
        TaskDump dump;
        try (loop) {
            dump = loop.run(() -> {
                Weft.spawn("parser-on-loop", () -> parse(300)).join();
                Weft.spawn("parser-offloaded", () -> Offload.call(() -> parse(300))).join();
                transcript.say("the offloaded parse held no loop");
                return dumpOfABusyLoop(transcript);
            });
        }
        for (BlockingSite site : loop.blockingReport()) {
            transcript.say("blocking report: " + site.times() + " time(s) at " + site.site());
        }
        return new Outcome(loop.blockingReport(), dump);
    }

    /** Spawns a few waiting tasks and takes the dump. */
    private static TaskDump dumpOfABusyLoop(Transcript transcript) {
        var lock = new Lock("accounts");
        var inbox = new FifoQueue<String>();
        lock.lock();
        Task<Void> writer = Weft.spawn("writer", () -> {
            lock.lock();
            lock.unlock();
        });
        Task<String> reader = Weft.spawn("reader", inbox::take);
        Task<Void> napper = Weft.spawn("napper", () -> Weft.sleep(Duration.ofMinutes(1)));
        Weft.yieldNow();
        TaskDump dump = Weft.current().loop().dump();
        for (String line : dump.toString().lines().filter(l -> !l.contains("  at ")).toList()) {
            transcript.say("dump: " + line.strip());
        }
        lock.unlock();
        inbox.offer("hello");
        napper.cancel();
        Weft.joinAll(List.of(writer, reader, napper));
        return dump;
    }

    /** Stands for work that holds the thread: parsing, compressing, or blocking I/O. */
    private static long parse(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long spins = 0;
        while (System.nanoTime() < end) {
            spins++;
        }
        return spins;
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
