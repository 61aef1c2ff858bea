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

package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Task;
import dev.weft.Weft;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLocksTest {

    @Test
    void exclusiveLocksOfOneJvmAreTakenInArrivalOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("counter");
        List<String> order = Weft.run(() -> {
            var events = new ArrayList<String>();
            var tasks = new ArrayList<Task<Void>>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(Weft.spawn(() -> {
                    try (LockedFile held = FileLocks.lock(file)) {
                        events.add(name + " in");
                        Weft.sleep(Duration.ofMillis(5));
                        events.add(name + " out");
                    }
                }));
            }
            Weft.joinAll(tasks);
            return events;
        });
        assertThat(order).containsExactly("a in", "a out", "b in", "b out", "c in", "c out");
    }

    @Test
    void sharedLocksCoexistAndAnExclusiveOneWaitsForThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data");
        List<String> order = Weft.run(() -> {
            var events = new ArrayList<String>();
            var tasks = new ArrayList<Task<Void>>();
            for (String name : List.of("r1", "r2")) {
                tasks.add(Weft.spawn(() -> {
                    try (LockedFile held = FileLocks.lockShared(file)) {
                        events.add(name + " in");
                        Weft.sleep(Duration.ofMillis(10));
                        events.add(name + " out");
                    }
                }));
            }
            tasks.add(Weft.spawn(() -> {
                try (LockedFile held = FileLocks.lock(file)) {
                    events.add("w in");
                }
            }));
            Weft.joinAll(tasks);
            return events;
        });
        assertThat(order).containsExactly("r1 in", "r2 in", "r1 out", "r2 out", "w in");
    }

    @Test
    void aLockHeldByAnotherProcessIsWaitedForWithoutHoldingTheLoop(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("shared.lock");
        List<String> events = Weft.run(() -> {
            var seen = new ArrayList<String>();
            try (Subprocess holder = Command.ofJava(LockHolder.class.getName(), file.toString())
                    .start()) {
                seen.add(holder.stdout().readLine());
                int[] ticks = new int[1];
                Task<Void> ticker = Weft.spawn(() -> {
                    while (true) {
                        Weft.sleep(Duration.ofMillis(5));
                        ticks[0]++;
                    }
                });
                assertThatThrownBy(() -> Weft.timeout(Duration.ofMillis(100),
                        () -> FileLocks.lock(file))).isInstanceOf(TimeoutException.class);
                Task<String> locker = Weft.spawn(() -> {
                    try (LockedFile held = FileLocks.lock(file)) {
                        return "got it after " + (ticks[0] > 5 ? "many" : "few") + " ticks";
                    }
                });
                Weft.sleep(Duration.ofMillis(50));
                holder.stdin().write("go\n");   // the holder lets go
                seen.add(locker.result());
                seen.add(holder.stdout().readLine());
                ticker.cancel();
            }
            return seen;
        });
        assertThat(events).containsExactly("locked", "got it after many ticks", "released");
    }

    @Test
    void theLockedChannelReadsAndWritesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("count");
        String last = Weft.run(() -> {
            for (int i = 0; i < 3; i++) {
                try (LockedFile held = FileLocks.lock(file)) {
                    String text = held.readString();
                    int n = text.isBlank() ? 0 : Integer.parseInt(text.strip());
                    held.writeString(String.valueOf(n + 1));
                }
            }
            try (LockedFile held = FileLocks.lockShared(file)) {
                return held.readString();
            }
        });
        assertThat(last).isEqualTo("3");
    }

    @Test
    void aSharedLockHeldWhenATimeoutFiresIsReleased(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data");
        String outcome = Weft.run(() -> {
            assertThatThrownBy(() -> Weft.timeout(Duration.ofMillis(10), () -> {
                try (LockedFile held = FileLocks.lockShared(file)) {
                    Weft.sleep(Duration.ofHours(1));   // cancelled here; close() runs cancelled
                }
                return null;
            })).isInstanceOf(TimeoutException.class);
            try (LockedFile exclusive = Weft.timeout(Duration.ofSeconds(5),
                    () -> FileLocks.lock(file))) {
                return "free again";
            }
        });
        assertThat(outcome).isEqualTo("free again");
    }

    @Test
    void twoSpellingsOfOneFileShareOneLock(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data");
        Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("link"), file.getFileName());
        List<String> order = Weft.run(() -> {
            var events = new ArrayList<String>();
            Task<Void> first = Weft.spawn(() -> {
                try (LockedFile held = FileLocks.lock(file)) {
                    events.add("file in");
                    Weft.sleep(Duration.ofMillis(10));
                    events.add("file out");
                }
            });
            Task<Void> second = Weft.spawn(() -> {
                try (LockedFile held = FileLocks.lock(link)) {
                    events.add("link in");
                }
            });
            Weft.joinAll(List.of(first, second));
            return events;
        });
        assertThat(order).containsExactly("file in", "file out", "link in");
    }
}
