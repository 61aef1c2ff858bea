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
import java.time.Duration;

/**
 * The seed's gevent example of two different tasks and their values: {@code g1 = spawn(eat)},
 * {@code g2 = spawn(sleep)}, {@code g1.join()}, {@code g2.join()}, {@code g2.value}.
 */
public final class GeventValue {
    private GeventValue() {}

    /** Runs the example; returns the values of the two tasks. */
    public static String run(Transcript transcript) {
        return Weft.run(() -> {
            Task<String> eat = Weft.spawn("eat", () -> {
                transcript.say("wusir is eating");
                Weft.sleep(Duration.ofSeconds(1));
                transcript.say("wusir finished eat");
                return "full";
            });
            Task<String> sleep = Weft.spawn("sleep", () -> {
                transcript.say("xiaomage is sleeping");
                Weft.sleep(Duration.ofSeconds(1));
                transcript.say("xiaomage finished sleep");
                return "rested";
            });
            eat.join();
            sleep.join();
            String values = eat.result() + " and " + sleep.result();
            transcript.say("values: " + values);
            return values;
        });
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
