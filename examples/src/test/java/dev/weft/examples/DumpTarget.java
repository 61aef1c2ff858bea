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

import dev.weft.Weft;
import dev.weft.sync.Event;

/** A program with known tasks for {@link DumpCommandTest}: prints its pid, then waits. */
public final class DumpTarget {
    private DumpTarget() {}

    /** Runs until its standard input closes. */
    public static void main(String[] args) throws Exception {
        var release = new Event();
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                System.in.read();
            } catch (java.io.IOException e) {
                // the test went away: end anyway
            }
            release.set();
        });
        Weft.run(() -> {
            Weft.spawn("waiter-for-release", release::await);
            System.out.println("READY " + ProcessHandle.current().pid());
            System.out.flush();
            release.await();
        });
    }
}
