package dev.weft.examples;

import java.io.PrintStream;

/**
 * The main demo: runs every example from the seed's lecture notes and shows what happens, on
 * which thread, and how long it takes.
 */
public final class Demo {
    private Demo() {}

    /** Runs every seed example, printing to standard output. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        out.println("Weft demo on " + Runtime.version() + ", " + Runtime.getRuntime()
                .availableProcessors() + " cores");

        section(out, "gevent: ten tasks each Thread.sleep(1 s), joinall",
                "expect: ~1 s in all, every line on the same loop thread",
                GeventJoinAll::run);
        section(out, "gevent: two tasks and their values", "expect: ~1 s, values full and rested",
                GeventValue::run);
        section(out, "asyncio: one task, run_until_complete", "expect: start, ~1 s, end",
                AsyncioOneTask::run);
        section(out, "asyncio: three tasks with wait", "expect: three starts, ~1 s, three ends",
                AsyncioWait::run);
        section(out, "asyncio: tasks with return values", "expect: result 123 twice after ~1 s",
                AsyncioResults::run);
        section(out, "threading: Lock, RLock, deadlock and how to avoid it",
                "expect: a lost update without a lock; a deadlock reported, not a hang",
                LocksAndDeadlocks::run);
        section(out, "queue: Queue, LifoQueue and PriorityQueue",
                "expect: first in first out; last in first out; smallest priority first",
                QueueOrders::run);
        section(out, "producer-consumer through a bounded queue, join and shutdown",
                "expect: 8 dishes served and eaten, then every eater leaves",
                ProducerConsumer::run);
        section(out, "pools: ThreadPoolExecutor, to_thread, gevent's Pool, one loop per core",
                "expect: 8 jobs in ~200 ms on 4 workers; at most 3 fetches at once; 2 loops",
                PoolsAndOffload::run);
        section(out, "seeing inside: the watchdog, a task dump, the blocking report",
                "expect: the parse on the loop is reported, the offloaded one is not",
                SeeingInside::run);
        section(out, "networking: an echo server and a chat room on one loop",
                "expect: three echoes; each member hears the other two",
                EchoAndChat::run);
        section(out, "multiprocessing: Process start/join, a file Lock, a Queue between processes",
                "expect: 3 children overlap; lost updates without the lock, none with it; "
                        + "5 items across",
                Multiprocessing::run);
        section(out, "beyond the seed: a task group, a timeout, a failing child",
                "expect: slow gives up at 800 ms; a failure cancels its sibling",
                TimeoutsAndGroups::run);
    }

    private static void section(PrintStream out, String title, String expectation,
            java.util.function.Consumer<Transcript> example) {
        out.println();
        out.println("== " + title);
        out.println("   " + expectation);
        var transcript = new Transcript(out);
        example.accept(transcript);
        long threads = transcript.lines().stream().map(Transcript.Line::thread).distinct().count();
        out.printf("   took %d ms on %d thread(s)%n", transcript.elapsedMillis(), threads);
    }
}
