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
