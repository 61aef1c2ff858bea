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
import java.util.List;

/**
 * The seed's asyncio example of several tasks without values:
 * {@code loop.run_until_complete(asyncio.wait([demo(), demo(), demo()]))}. The three one-second
 * sleeps overlap, so it takes about one second.
 */
public final class AsyncioWait {
    private AsyncioWait() {}

    /** Runs the example, saying what happens on {@code transcript}. */
    public static void run(Transcript transcript) {
        try (var loop = new Loop()) {
            loop.run(() -> {
                List<Task<Void>> demos = List.of(
                        Weft.spawn(() -> AsyncioOneTask.demo(transcript)),
                        Weft.spawn(() -> AsyncioOneTask.demo(transcript)),
                        Weft.spawn(() -> AsyncioOneTask.demo(transcript)));
                var outcome = Weft.waitTasks(demos, WaitMode.ALL_COMPLETED);
                transcript.say(outcome.done().size() + " done, " + outcome.pending().size()
                        + " pending");
                return null;
            });
        }
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
