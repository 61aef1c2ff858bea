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

package dev.weft;

import java.util.concurrent.Future;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.sync.Lock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TaskDumpTest {

    @Test
    void aDumpShowsTheTaskTreeAndWhatEachTaskWaitsOn() {
        TaskDump dump = Weft.run(() -> {
            var lock = new Lock("db");
            lock.lock();
            var sleeper = new java.util.concurrent.CompletableFuture<Task<Void>>();
            Task<Void> parent = Weft.spawn("parent", () -> {
                Task<Void> locker = Weft.spawn("locker", () -> {
                    lock.lock();
                    lock.unlock();
                });
                sleeper.complete(Weft.spawn("sleeper", () -> Weft.sleep(Duration.ofHours(1))));
                locker.join();
            });
            Weft.yieldNow();
            Weft.yieldNow();
            TaskDump taken = Weft.current().loop().dump();
            lock.unlock();
            parent.cancel();
            sleeper.resultNow().cancel();
            Weft.joinAll(List.of(parent, sleeper.resultNow()));   // nothing left for the report
            return taken;
        });
        assertThat(dump.consistent()).isTrue();
        assertThat(dump.tasks()).singleElement().satisfies(main -> {
            assertThat(main.name()).isEqualTo("main");
            assertThat(main.waitingFor()).isEqualTo("running (it took this dump)");
            assertThat(main.children()).singleElement().satisfies(parent -> {
                assertThat(parent.name()).isEqualTo("parent");
                assertThat(parent.waitingFor()).isEqualTo(
                        "waiting for Task[locker RUNNING] to finish");
                assertThat(parent.children()).extracting(TaskDump.Node::name)
                        .containsExactlyInAnyOrder("locker", "sleeper");
                assertThat(parent.children()).filteredOn(n -> n.name().equals("locker"))
                        .singleElement().extracting(TaskDump.Node::waitingFor).asString()
                        .startsWith("waiting on Lock \"db\"[held by task \"main\"");
                assertThat(parent.children()).filteredOn(n -> n.name().equals("sleeper"))
                        .singleElement().extracting(TaskDump.Node::waitingFor)
                        .isEqualTo("sleeping (Weft.sleep)");
            });
        });
        assertThat(dump.size()).isEqualTo(4);
        assertThat(dump.toString()).contains("task \"locker\" RUNNING: waiting on Lock \"db\"")
                .contains("at dev.weft.sync.OwnedLock.lock");
        assertThat(dump.toJson()).startsWith("{\"loop\":\"weft-").contains(
                "\"name\":\"sleeper\",\"state\":\"RUNNING\",\"waitingFor\":\"sleeping "
                        + "(Weft.sleep)\"");
    }

    @Test
    void aDumpFromAnotherThreadIsTakenOnTheLoop() throws Exception {
        try (var loop = new Loop()) {
            var started = new CountDownLatch(1);
            Task<Void> sleeper = loop.spawn("sleeper", () -> {
                started.countDown();
                Thread.sleep(60_000);
            });
            started.await();
            while (sleeper.state() != Future.State.RUNNING
                    || loop.dump().tasks().getFirst().waitingFor().startsWith("ready")) {
                Thread.onSpinWait();
            }
            TaskDump dump = loop.dump();
            assertThat(dump.consistent()).isTrue();
            assertThat(dump.tasks()).singleElement().satisfies(node -> {
                assertThat(node.name()).isEqualTo("sleeper");
                assertThat(node.waitingFor()).startsWith("waiting outside Weft");
                assertThat(node.stack()).extracting(StackTraceElement::getMethodName)
                        .contains("sleep");
            });
            sleeper.cancel();
        }
    }

    @Test
    void jsonEscapesWhatItQuotes() {
        var dump = new TaskDump("a \"quoted\"\nloop", true, java.util.List.of());
        assertThat(dump.toJson()).isEqualTo(
                "{\"loop\":\"a \\\"quoted\\\"\\nloop\",\"consistent\":true,\"tasks\":[]}");
    }
}
