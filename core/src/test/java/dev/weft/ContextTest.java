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

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How thread-locals and scoped values behave across tasks, as the Task javadoc documents. */
class ContextTest {
    private static final ThreadLocal<String> LOCAL = new ThreadLocal<>();
    private static final InheritableThreadLocal<String> INHERITABLE =
            new InheritableThreadLocal<>();
    private static final ScopedValue<String> USER = ScopedValue.newInstance();

    @Test
    void eachTaskHasItsOwnThreadLocalsAcrossItsWaits() {
        String[] seen = new String[2];
        Weft.run(() -> {
            Task<Void> a = Weft.spawn(() -> {
                LOCAL.set("a");
                Weft.sleep(Duration.ofMillis(5));   // b runs meanwhile, on the same carrier
                seen[0] = LOCAL.get();
            });
            Task<Void> b = Weft.spawn(() -> {
                LOCAL.set("b");
                Weft.sleep(Duration.ofMillis(5));
                seen[1] = LOCAL.get();
            });
            Weft.joinAll(java.util.List.of(a, b));
        });
        assertThat(seen).containsExactly("a", "b");
    }

    @Test
    void spawnedTasksDoNotInheritInheritableThreadLocals() {
        String seen = Weft.run(() -> {
            INHERITABLE.set("parent's");
            return Weft.spawn(INHERITABLE::get).result();
        });
        assertThat(seen).isNull();
    }

    @Test
    void aScopedValueBindingHoldsAcrossWaitsButIsNotInheritedBySpawnedTasks() {
        String[] seen = new String[2];
        Weft.run(() -> {
            ScopedValue.where(USER, "alice").run(() -> {
                Weft.sleep(Duration.ofMillis(1));
                seen[0] = USER.orElse("unbound");
                seen[1] = Weft.spawn(() -> USER.orElse("unbound")).result();
            });
        });
        assertThat(seen).containsExactly("alice", "unbound");
    }

    @Test
    void aValuePassedExplicitlyIsTheWayToHandContextToATask() {
        String seen = Weft.run(() -> ScopedValue.where(USER, "alice").call(() -> {
            String user = USER.get();
            return Weft.spawn(() -> ScopedValue.where(USER, user).call(USER::get)).result();
        }));
        assertThat(seen).isEqualTo("alice");
    }
}
