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
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's gevent example: ten tasks that each "eat" for one second finish together in about
 * one second, on one thread.
 *
 * <pre>{@code
 * monkey.patch_all()
 * def eat():
 *     print('wusir is eating'); time.sleep(1); print('wusir finished eat')
 * g_l = [gevent.spawn(eat) for i in range(10)]
 * gevent.joinall(g_l)
 * }</pre>
 *
 * In Weft there is nothing to patch: {@code Thread.sleep} inside a task already yields to the
 * loop.
 */
public final class GeventJoinAll {
    private GeventJoinAll() {}

    /** Runs the example, saying what happens on {@code transcript}. */
    public static void run(Transcript transcript) {
        Weft.run(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tasks.add(Weft.spawn(() -> eat(transcript)));
            }
            Weft.joinAll(tasks);
        });
    }

    private static void eat(Transcript transcript) throws InterruptedException {
        transcript.say("wusir is eating");
        Thread.sleep(1000);   // a plain JDK call: the task parks, the loop runs the others
        transcript.say("wusir finished eat");
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
