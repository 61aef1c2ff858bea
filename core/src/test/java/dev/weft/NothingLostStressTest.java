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

import dev.weft.test.RecordingHandler;
import dev.weft.test.VirtualClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A storm of nested task groups, timeouts, shields, cancels and failures, some thrown during
 * cleanup, on virtual time. Every failure thrown anywhere must reach exactly one place: the
 * caller of {@code loop.run} (directly, as a cause, or suppressed, at any depth) or the loop's
 * exception handler.
 */
@Tag("stress")
class NothingLostStressTest {
    private static final int SEEDS = Integer.getInteger("weft.stress.seeds", 2000);
    /** The first storm's seed: random unless given, printed so that a failure can be replayed. */
    private static final long FIRST_SEED = Long.getLong("weft.stress.seed", System.nanoTime());

    /** A failure with a number, so that each one can be found again. */
    static final class Boom extends RuntimeException {
        final int id;

        Boom(int id) {
            super("boom " + id);
            this.id = id;
        }
    }

    @Test
    void everyFailureReachesExactlyOnePlace() {
        long thrownInAll = 0;
        long toCallers = 0;
        long toHandlers = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
            var storm = new Storm(new Random(seed));
            var problems = new RecordingHandler();
            Throwable outcome;
            try (var loop = new Loop(problems.options().withClock(new VirtualClock()))) {
                outcome = org.assertj.core.api.Assertions.catchThrowable(
                        () -> loop.run(() -> storm.node(0)));
            }
            // Places: the caller's exception, and each report to the handler.
            Set<Integer> atCaller = ids(outcome);
            var places = new java.util.HashMap<Integer, Integer>();
            atCaller.forEach(id -> places.merge(id, 1, Integer::sum));
            for (RecordingHandler.Problem problem : problems.reported()) {
                ids(problem.error()).forEach(id -> places.merge(id, 1, Integer::sum));
            }
            String replay = " (replay with -Dweft.stress.seed=" + seed + " -Dweft.stress.seeds=1)";
            assertThat(places.keySet()).as("seed %d%s: failures thrown and failures that arrived",
                    seed, replay).isEqualTo(storm.thrown);
            assertThat(places).as("seed %d%s: failures that reached more than one place", seed,
                    replay).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
            thrownInAll += storm.thrown.size();
            toCallers += atCaller.size();
            toHandlers += places.size() - atCaller.size();
        }
        System.out.printf("nothing lost: %d failures in %d storms from seed %d, %d to callers, "
                + "%d to handlers%n", thrownInAll, SEEDS, FIRST_SEED, toCallers, toHandlers);
        assertThat(thrownInAll).as("the storms throw").isPositive();
    }

    /** Every Boom inside {@code root}, through causes and suppressed exceptions. */
    private static Set<Integer> ids(Throwable root) {
        var found = new HashSet<Integer>();
        var seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<Throwable, Boolean>());
        var stack = new java.util.ArrayDeque<Throwable>();
        if (root != null) {
            stack.push(root);
        }
        while (!stack.isEmpty()) {
            Throwable t = stack.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof Boom boom) {
                found.add(boom.id);
            }
            if (t.getCause() != null) {
                stack.push(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                stack.push(suppressed);
            }
        }
        return found;
    }

    /** One storm: a random tree of work; it never catches anything. */
    private static final class Storm {
        final Random random;
        final Set<Integer> thrown = ConcurrentHashMap.newKeySet();
        int nextId;

        Storm(Random random) {
            this.random = random;
        }

        Object node(int depth) throws Exception {
            int choice = depth >= 4 ? random.nextInt(3) : random.nextInt(14);
            switch (choice) {
                case 0 -> Weft.sleep(Duration.ofMillis(random.nextInt(20)));
                case 1 -> maybeFail(3);
                case 2 -> {
                    try {
                        Weft.sleep(Duration.ofMillis(random.nextInt(20)));
                    } finally {
                        maybeFail(4);   // a cleanup that fails, perhaps while cancelled
                    }
                }
                case 3, 4 -> TaskGroup.run(group -> {
                    spawnChildren(group, depth);
                    return node(depth + 1);
                });
                case 5 -> {
                    try (var group = TaskGroup.open()) {
                        spawnChildren(group, depth);
                        try {
                            node(depth + 1);
                        } catch (java.util.concurrent.TimeoutException expected) {
                            // Not through close(): Java would attach the children's failures to
                            // the timeout, where an outer catch drops them (TaskGroup's pitfall).
                        }
                    }
                }
                case 6 -> Weft.timeout(Duration.ofMillis(random.nextInt(25)),
                        () -> node(depth + 1));
                case 7 -> Weft.shield(() -> node(depth + 1));
                case 8 -> {
                    Task<Object> other = Weft.spawn(() -> node(depth + 1));
                    Weft.sleep(Duration.ofMillis(random.nextInt(15)));
                    other.cancel();
                    other.join();   // joined but never read: its failures are the loop's
                }
                case 9 -> {
                    Task<Object> child = Weft.spawn(() -> node(depth + 1));
                    return child.result();
                }
                case 10 -> {
                    // The first to fail is thrown; the others are cancelled, not awaited: what
                    // they throw later is nobody's but the loop's.
                    return Weft.gather(java.util.List.of(Weft.spawn(() -> node(depth + 1)),
                            Weft.spawn(() -> node(depth + 1))));
                }
                case 11 -> TaskGroup.run(group -> {
                    spawnChildren(group, depth);
                    Weft.sleep(Duration.ofMillis(random.nextInt(10)));
                    group.cancel();   // the children end, some in failing cleanups
                    return null;
                });
                case 12 -> {
                    try {
                        return Weft.timeout(Duration.ofMillis(random.nextInt(25)),
                                () -> node(depth + 1));
                    } catch (java.util.concurrent.TimeoutException expected) {
                        return null;   // an outcome, not an error: it may hide no failure
                    }
                }
                default -> Weft.spawn(() -> node(depth + 1))
                        .onDone(task -> maybeFail(2));   // a callback's failure: the loop's

            }
            maybeFail(6);
            return null;
        }

        private void spawnChildren(TaskGroup group, int depth) {
            int children = 1 + random.nextInt(3);
            for (int i = 0; i < children; i++) {
                group.spawn(() -> node(depth + 1));
            }
        }

        /** Throws a new Boom with a chance of one in {@code odds}. */
        private void maybeFail(int odds) {
            if (random.nextInt(odds) == 0) {
                int id = nextId++;
                thrown.add(id);
                throw new Boom(id);
            }
        }
    }
}
