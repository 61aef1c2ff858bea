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

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerHeapTest {
    /** By deadline; List.sort is stable, so equal deadlines keep the order they were added. */
    private static final java.util.Comparator<LoopTimer> FIRING_ORDER =
            java.util.Comparator.comparingLong(LoopTimer::deadline);

    private static LoopTimer timer(long deadline) {
        return new LoopTimer(null, deadline, () -> { });
    }

    @Test
    void timersComeOutByDeadlineThenInTheOrderAdded() {
        var heap = new TimerHeap();
        var random = new Random(42);
        var all = new ArrayList<LoopTimer>();
        for (int i = 0; i < 5_000; i++) {
            LoopTimer t = timer(random.nextInt(100));
            all.add(t);
            heap.add(t, t.deadline());
        }
        all.sort(FIRING_ORDER);
        var out = new ArrayList<LoopTimer>();
        while (!heap.isEmpty()) {
            out.add((LoopTimer) heap.poll());
        }
        assertThat(out).containsExactlyElementsOf(all);
    }

    @Test
    void removingFromTheMiddleKeepsTheOrder() {
        var heap = new TimerHeap();
        var random = new Random(7);
        var kept = new ArrayList<LoopTimer>();
        for (int i = 0; i < 2_000; i++) {
            LoopTimer t = timer(random.nextInt(1_000));
            heap.add(t, t.deadline());
            kept.add(t);
        }
        for (int i = 0; i < 1_000; i++) {
            LoopTimer gone = kept.remove(random.nextInt(kept.size()));
            heap.remove(gone);
        }
        kept.sort(FIRING_ORDER);
        List<LoopTimer> out = new ArrayList<>();
        while (!heap.isEmpty()) {
            out.add((LoopTimer) heap.poll());
        }
        assertThat(out).containsExactlyElementsOf(kept);
        assertThat(heap.peek()).isNull();
    }
}
