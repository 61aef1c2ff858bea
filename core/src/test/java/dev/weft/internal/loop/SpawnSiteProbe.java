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

package dev.weft.internal.loop;

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.TaskDump;
import dev.weft.Weft;
import dev.weft.test.RecordingHandler;
import java.time.Duration;

/** With -Dweft.debug=true: prints a dump's spawn site and the report of an unobserved failure. */
public final class SpawnSiteProbe {
    private SpawnSiteProbe() {}

    /** Runs the probe. */
    public static void main(String[] args) {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                Task<Void> sleeper = spawnSleeper();
                Weft.yieldNow();
                TaskDump dump = Weft.current().loop().dump();
                dump.tasks().getFirst().children().getFirst().spawnedAt()
                        .forEach(frame -> System.out.println("SPAWNED " + frame.getMethodName()));
                sleeper.cancel();
                failUnobserved();
                Weft.yieldNow();   // the failing task runs, and fails with nobody looking
                return null;
            });
        }
        problems.messages().forEach(message -> System.out.println("REPORT " + message
                .replace('\n', ' ')));
    }

    private static Task<Void> spawnSleeper() {
        return Weft.spawn("sleeper", () -> Weft.sleep(Duration.ofHours(1)));
    }

    private static void failUnobserved() {
        Weft.spawn("careless", () -> {
            throw new IllegalStateException("nobody looks");
        });
    }
}
