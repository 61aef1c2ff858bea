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

package dev.weft.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Task;
import dev.weft.Weft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Long runs of pools across loops with random timeouts, looking for lost slots, leaked workers
 * and lost results; run with {@code ./weft stress}.
 */
@Tag("stress")
class ExecStressTest {

    @Test
    void taskPoolsAndWorkerPoolsLoseNothingUnderTimeouts() throws Exception {
        var inside = new AtomicInteger();
        var most = new AtomicInteger();
        var completed = new AtomicInteger();
        try (var group = new LoopGroup(2); var workers = new WorkerPool("stress", 8)) {
            var drivers = new ArrayList<Task<Integer>>();
            for (var loop : group.loops()) {
                drivers.add(loop.spawn(() -> {
                    var pool = new TaskPool(16);
                    for (int i = 0; i < 2_000; i++) {
                        pool.spawn(() -> {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            try {
                                Weft.timeout(Duration.ofMillis(
                                        ThreadLocalRandom.current().nextInt(1, 4)), () ->
                                        workers.call(() -> {
                                            Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                                            return null;
                                        }));
                                completed.incrementAndGet();
                            } catch (TimeoutException e) {
                                // the work was cancelled with its caller: counted as not done
                            } finally {
                                inside.decrementAndGet();
                            }
                        });
                    }
                    pool.join();
                    return pool.free();
                }));
            }
            for (Task<Integer> driver : drivers) {
                assertThat(driver.get()).isEqualTo(16);   // every slot came back
            }
        }
        assertThat(most.get()).isLessThanOrEqualTo(32);
        assertThat(inside.get()).isZero();
        assertThat(completed.get()).isPositive();
    }
}
