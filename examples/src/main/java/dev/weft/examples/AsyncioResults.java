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

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.WaitMode;
import dev.weft.Weft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's asyncio example of tasks with return values: two tasks made with
 * {@code loop.create_task(demo())}, awaited with {@code asyncio.wait}, then each
 * {@code t.result()} printed: 123 and 123.
 */
public final class AsyncioResults {
    private AsyncioResults() {}

    static int demo(Transcript transcript) {
        transcript.say("start");
        Weft.sleep(Duration.ofSeconds(1));
        transcript.say("end");
        return 123;
    }

    /** Runs the example and returns the tasks' results. */
    public static List<Integer> run(Transcript transcript) {
        try (var loop = new Loop()) {
            return loop.run(() -> {
                Task<Integer> t1 = loop.spawn(() -> demo(transcript));
                Task<Integer> t2 = loop.spawn(() -> demo(transcript));
                List<Task<Integer>> tasks = List.of(t1, t2);
                Weft.waitTasks(tasks, WaitMode.ALL_COMPLETED);
                var results = new ArrayList<Integer>();
                for (Task<Integer> task : tasks) {
                    transcript.say("result: " + task.result());
                    results.add(task.result());
                }
                return results;
            });
        }
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
