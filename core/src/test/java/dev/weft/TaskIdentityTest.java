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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.sync.Lock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How code finds the task it runs in, and the calls that make no sense inside one. */
class TaskIdentityTest {

    @Test
    void aTaskThatReplacesItsThreadsUncaughtExceptionHandlerIsStillItself() {
        String outcome = Weft.run(() -> {
            Task<?> self = Task.current();
            Thread.currentThread().setUncaughtExceptionHandler((thread, failure) -> { });
            var lock = new Lock();
            lock.lock();
            Weft.sleep(Duration.ofMillis(1));
            lock.unlock();   // the same owner as before
            assertThat(Task.current()).isSameAs(self);
            return "ok";
        });
        assertThat(outcome).isEqualTo("ok");
    }

    @Test
    void aVirtualThreadMadeInsideATaskIsNotThatTask() throws Exception {
        var seen = new ArrayList<Boolean>();
        Weft.run(() -> {
            Thread child = Thread.ofVirtual().start(() -> seen.add(Weft.inTask()));
            child.join();
            return null;
        });
        assertThat(seen).containsExactly(false);
    }

    @Test
    void weftRunInsideATaskIsAClearError() {
        List<Throwable> thrown = new ArrayList<>();
        Weft.run(() -> {
            try {
                Weft.run(() -> 1);
            } catch (IllegalStateException e) {
                thrown.add(e);
            }
            return null;
        });
        assertThat(thrown).singleElement().satisfies(e -> assertThat(e)
                .hasMessageContaining("Weft.run cannot be called from task \"main\"")
                .hasMessageContaining("Weft.spawn"));
    }

    @Test
    void runningAnotherLoopFromInsideATaskIsAClearError() {
        try (var other = new Loop()) {
            Weft.run(() -> {
                assertThatThrownBy(() -> other.run(() -> 1))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("cannot be called from task \"main\"")
                        .hasMessageContaining("Offload");
                return null;
            });
        }
    }
}
