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

package dev.weft.internal.park;

import dev.weft.Loop;
import dev.weft.Weft;
import dev.weft.sync.Lock;
import dev.weft.test.RecordingHandler;

/** Ends a task holding a lock and prints what its loop reported, with the recorded site. */
public final class LockSiteProbe {
    private LockSiteProbe() {}

    /** Runs the probe. */
    public static void main(String[] args) {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                var lock = new Lock("db");
                Weft.spawn("careless", () -> takeAndForget(lock)).join();
                return null;
            });
        }
        for (RecordingHandler.Problem problem : problems.reported()) {
            System.out.println("MESSAGE " + problem.message());
            if (problem.error() != null) {
                for (StackTraceElement frame : problem.error().getStackTrace()) {
                    System.out.println("FRAME " + frame.getMethodName());
                }
            }
        }
    }

    private static void takeAndForget(Lock lock) {
        lock.lock();
    }
}
