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
import dev.weft.exec.LoopGroup;
import dev.weft.exec.Offload;
import dev.weft.exec.TaskPool;
import dev.weft.exec.Work;
import dev.weft.exec.WorkerPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The seed's pools: {@code ThreadPoolExecutor} ({@code submit}, {@code result},
 * {@code add_done_callback}, {@code shutdown}) for blocking work, asyncio's {@code to_thread}
 * for one blocking call (file I/O, which would stall a loop), gevent's {@code Pool} to keep a
 * crawler to N requests at once, and one loop per core where Python needs processes.
 */
public final class PoolsAndOffload {
    private PoolsAndOffload() {}

    /** What the example found, for its test. */
    public record Outcome(List<Integer> squares, String fileText, int mostFetchesAtOnce,
            int loopsUsed) {}

    /** Runs the example. */
    public static Outcome run(Transcript transcript) {
        List<Integer> squares = threadPool(transcript);
        return Weft.run(() -> {
            String text = offloadFileIo(transcript);
            int most = crawlWithATaskPool(transcript);
            int loops = oneLoopPerCore(transcript);
            return new Outcome(squares, text, most, loops);
        });
    }

    /** Python: {@code tp = ThreadPoolExecutor(4); obj = tp.submit(func, i); obj.result()}. */
    private static List<Integer> threadPool(Transcript transcript) {
        try (var pool = new WorkerPool("cook", 4)) {
            return Weft.run(() -> {
                var works = new ArrayList<Work<Integer>>();
                for (int i = 1; i <= 8; i++) {
                    int n = i;
                    Work<Integer> work = pool.submit(() -> {
                        Thread.sleep(100);   // blocking, on a worker thread
                        return n * n;
                    });
                    work.onDone(done -> {
                        if (n == 8) {
                            transcript.say("callback: the last job gave " + done.resultNow());
                        }
                    });
                    works.add(work);
                }
                var squares = new ArrayList<Integer>();
                for (Work<Integer> work : works) {
                    squares.add(work.result());   // parks this task, not the loop
                }
                transcript.say("8 jobs of 100 ms on 4 workers: " + squares);
                return squares;
            });
        }   // tp.shutdown(): waits for the workers
    }

    /** asyncio: {@code await asyncio.to_thread(path.read_text)}. */
    private static String offloadFileIo(Transcript transcript) throws Exception {
        Path file = Offload.call(() -> {
            Path temp = Files.createTempFile("weft-example", ".txt");
            Files.writeString(temp, "file I/O blocks a carrier, so it runs on a worker");
            return temp;
        });
        try {
            String text = Offload.call(() -> Files.readString(file));
            transcript.say("read: " + text);
            return text;
        } finally {
            Offload.run(() -> Files.deleteIfExists(file));
        }
    }

    /** gevent: {@code pool = Pool(3); pool.map(fetch, urls)}. */
    private static int crawlWithATaskPool(Transcript transcript) {
        var pool = new TaskPool(3);
        int[] fetching = new int[2];   // now, most
        List<String> pages = pool.map(url -> {
            fetching[1] = Math.max(fetching[1], ++fetching[0]);
            Weft.sleep(Duration.ofMillis(100));   // the request
            fetching[0]--;
            return "page of " + url;
        }, IntStream.rangeClosed(1, 9).mapToObj(i -> "url-" + i).toList());
        transcript.say(pages.size() + " pages fetched, at most " + fetching[1] + " at once");
        return fetching[1];
    }

    /** Python: {@code ProcessPoolExecutor}; here, one loop per core, tasks spread over them. */
    private static int oneLoopPerCore(Transcript transcript) throws Exception {
        try (var group = new LoopGroup(2)) {
            var tasks = new ArrayList<Task<String>>();
            for (int i = 0; i < 4; i++) {
                tasks.add(group.spawn(() -> {
                    long sum = 0;
                    for (int k = 0; k < 5_000_000; k++) {
                        sum += k % 7;             // CPU-bound work, in parallel on two loops
                    }
                    return Weft.current().loop().name() + ":" + sum;
                }));
            }
            var loops = new java.util.TreeSet<String>();
            for (Task<String> task : tasks) {
                loops.add(task.get().split(":")[0]);
            }
            transcript.say("4 CPU-bound tasks ran on " + loops.size() + " loops");
            return loops.size();
        }
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
