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
import java.time.Duration;

/**
 * The seed's first asyncio example: one coroutine on an event loop.
 *
 * <pre>{@code
 * async def demo():
 *     print('start'); await asyncio.sleep(1); print('end')
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(demo())
 * }</pre>
 *
 * In Weft {@code demo} is a plain method: no {@code async}, no {@code await}.
 */
public final class AsyncioOneTask {
    private AsyncioOneTask() {}

    static void demo(Transcript transcript) {
        transcript.say("start");
        dev.weft.Weft.sleep(Duration.ofSeconds(1));
        transcript.say("end");
    }

    /** Runs the example, saying what happens on {@code transcript}. */
    public static void run(Transcript transcript) {
        try (var loop = new Loop()) {
            loop.run(() -> {
                demo(transcript);
                return null;
            });
        }
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
