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
import dev.weft.TaskGroup;
import dev.weft.Weft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * Beyond the seed: three "downloads" run together in a task group; the slow one is bounded by a
 * timeout, and a failing one cancels its siblings. Shows {@link TaskGroup#run},
 * {@link Weft#timeout} and cancellation with {@code finally}.
 */
public final class TimeoutsAndGroups {
    private TimeoutsAndGroups() {}

    /** Runs the example; returns the pages that arrived. */
    public static List<String> run(Transcript transcript) {
        return Weft.run(() -> {
            List<String> pages = TaskGroup.run(group -> {
                List<Task<String>> downloads = new ArrayList<>();
                downloads.add(group.spawn("fast", () -> download(transcript, "fast", 200)));
                downloads.add(group.spawn("medium", () -> download(transcript, "medium", 500)));
                downloads.add(group.spawn("slow", () -> {
                    try {
                        return Weft.timeout(Duration.ofMillis(800),
                                () -> download(transcript, "slow", 5_000));
                    } catch (TimeoutException e) {
                        transcript.say("slow: gave up after 800 ms");
                        return "slow (timed out)";
                    }
                }));
                List<String> results = new ArrayList<>();
                for (Task<String> download : downloads) {
                    results.add(download.result());
                }
                return results;
            });
            transcript.say("pages: " + pages);

            try {
                TaskGroup.run(group -> {
                    group.spawn(() -> download(transcript, "sibling", 5_000));
                    group.spawn(() -> {
                        Weft.sleep(Duration.ofMillis(100));
                        throw new IllegalStateException("broken download");
                    });
                    return null;
                });
            } catch (IllegalStateException e) {
                transcript.say("group failed: " + e.getMessage());
            }
            return pages;
        });
    }

    private static String download(Transcript transcript, String name, long millis) {
        transcript.say(name + ": started");
        try {
            Weft.sleep(Duration.ofMillis(millis));
        } catch (CancellationException e) {
            transcript.say(name + ": cancelled, cleaning up");
            throw e;
        }
        transcript.say(name + ": done");
        return name;
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
