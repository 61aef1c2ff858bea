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

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The main demo: runs every example from the seed's lecture notes and shows what happens, on
 * which thread, and how long it takes; then sums up what each example showed, one line each.
 */
public final class Demo {
    private Demo() {}

    /** One example's line in the closing summary. */
    private record Shown(String example, long millis, String what) {}

    /** Runs every seed example, printing to standard output. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        out.println("Weft demo on " + Runtime.version() + ", " + Runtime.getRuntime()
                .availableProcessors() + " cores");
        var shown = new ArrayList<Shown>();

        shown.add(section(out, "gevent joinall",
                "gevent: ten tasks each Thread.sleep(1 s), joinall",
                "~1 s in all, every line on the same loop thread",
                transcript -> {
                    GeventJoinAll.run(transcript);
                    return "10 sleeps of 1 s overlapped, " + onThreads(transcript);
                }));
        shown.add(section(out, "gevent values", "gevent: two tasks and their values",
                "~1 s, values full and rested",
                transcript -> "values read once both ended: " + GeventValue.run(transcript)));
        shown.add(section(out, "asyncio one task", "asyncio: one task, run_until_complete",
                "start, ~1 s, end",
                transcript -> {
                    AsyncioOneTask.run(transcript);
                    return "start, a 1 s sleep, end, " + onThreads(transcript);
                }));
        shown.add(section(out, "asyncio wait", "asyncio: three tasks with wait",
                "three starts, ~1 s, three ends",
                transcript -> {
                    AsyncioWait.run(transcript);
                    return "3 sleeps of 1 s overlapped, " + onThreads(transcript);
                }));
        shown.add(section(out, "asyncio results", "asyncio: tasks with return values",
                "result 123 twice after ~1 s",
                transcript -> "the tasks returned " + AsyncioResults.run(transcript)));
        shown.add(section(out, "locks", "threading: Lock, RLock, deadlock and how to avoid it",
                "a lost update without a lock; a deadlock reported, not a hang",
                transcript -> "a Lock left " + LocksAndDeadlocks.run(transcript)
                        + " of 10 tickets; a deadlock reported"));
        shown.add(section(out, "queues", "queue: Queue, LifoQueue and PriorityQueue",
                "first in first out; last in first out; smallest priority first",
                transcript -> "the same items in " + QueueOrders.run(transcript).size()
                        + " orders: FIFO, LIFO, priority"));
        shown.add(section(out, "producer-consumer",
                "producer-consumer through a bounded queue, join and shutdown",
                "8 dishes served and eaten, then every eater leaves",
                transcript -> {
                    List<List<String>> eaten = ProducerConsumer.run(transcript);
                    return eaten.stream().mapToInt(List::size).sum() + " dishes eaten by "
                            + eaten.size() + " eaters, who then left";
                }));
        shown.add(section(out, "pools",
                "pools: ThreadPoolExecutor, to_thread, gevent's Pool, one loop per core",
                "8 jobs in ~200 ms on 4 workers; at most 3 fetches at once; 2 loops",
                transcript -> {
                    var pools = PoolsAndOffload.run(transcript);
                    return pools.squares().size() + " jobs, 4 workers; " + pools.mostFetchesAtOnce()
                            + " fetches at most; " + pools.loopsUsed() + " loops";
                }));
        shown.add(section(out, "seeing inside",
                "seeing inside: the watchdog, a task dump, the blocking report",
                "the parse on the loop is reported, the offloaded one is not",
                transcript -> SeeingInside.run(transcript).blocking().size()
                        + " place held the loop; the offloaded parse did not"));
        shown.add(section(out, "networking",
                "networking: an echo server and a chat room on one loop",
                "three echoes; each member hears the other two",
                transcript -> {
                    var heard = EchoAndChat.run(transcript);
                    return "echoes, then " + heard.size() + " chat members heard each other";
                }));
        shown.add(section(out, "multiprocessing",
                "multiprocessing: Process start/join, a file Lock, a Queue between processes",
                "3 children overlap; lost updates without the lock, none with it; "
                        + "5 items across",
                transcript -> {
                    var processes = Multiprocessing.run(transcript);
                    int all = Multiprocessing.COUNTERS * Multiprocessing.ROUNDS;
                    return "file count " + processes.withoutLock() + "/" + all + " unlocked, "
                            + processes.withLock() + "/" + all + " locked; "
                            + processes.items().size() + " items";
                }));
        shown.add(section(out, "distributed queue",
                "producer-consumer across processes through a durable queue on Redis",
                "2 producer and 3 consumer processes; every order handled once",
                transcript -> {
                    DistributedQueue.Outcome outcome;
                    try {
                        outcome = DistributedQueue.runWithOwnRedis(transcript);
                    } catch (Exception e) {
                        throw new IllegalStateException("the distributed queue failed", e);
                    }
                    return outcome == null ? "skipped: redis-server is not installed"
                            : outcome.handled() + " orders by " + outcome.perConsumer().size()
                                    + " consumer processes, " + outcome.twice() + " twice";
                }));
        shown.add(section(out, "web server",
                "a JSON API and static files over HTTP, server and client on one loop",
                "201, the list, 404 and 400 in JSON, the file, 304, 206, and no escape",
                transcript -> {
                    WebServer.Outcome outcome;
                    try {
                        outcome = WebServer.run(transcript);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return outcome.answers().stream().map(answer -> answer.substring(0, 3))
                            .toList() + " for the 8 requests";
                }));
        shown.add(section(out, "timeouts, groups",
                "beyond the seed: a task group, a timeout, a failing child",
                "slow gives up at 800 ms; a failure cancels its sibling",
                transcript -> {
                    List<String> pages = TimeoutsAndGroups.run(transcript);
                    return pages.stream().filter(page -> page.endsWith("(timed out)")).count()
                            + " of " + pages.size() + " timed out; a failure cancelled its sibling";
                }));

        out.println();
        out.println("== what each example showed");
        for (Shown example : shown) {
            WordWrap.print(out, String.format("  %-17s %5d ms  ", example.example(),
                    example.millis()), example.what());
        }
    }

    /**
     * Runs one example under a heading and says how long it took on how many threads; returns
     * its summary line, which {@code example} makes from what it found.
     */
    private static Shown section(PrintStream out, String name, String title, String expectation,
            Function<Transcript, String> example) {
        out.println();
        WordWrap.print(out, "== ", title);
        WordWrap.print(out, "   expect: ", expectation.substring("".length()));
        var transcript = new Transcript(out);
        String what = example.apply(transcript);
        out.printf("   took %d ms %s%n", transcript.elapsedMillis(), onThreads(transcript));
        return new Shown(name, transcript.elapsedMillis(), what);
    }

    /** "on 1 thread" or "on 3 threads": how many platform threads said the lines so far. */
    private static String onThreads(Transcript transcript) {
        long threads = transcript.lines().stream().map(Transcript.Line::thread).distinct().count();
        return "on " + threads + (threads == 1 ? " thread" : " threads");
    }
}
