package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerHeapTest {
    /** By deadline; List.sort is stable, so equal deadlines keep the order they were added. */
    private static final java.util.Comparator<Timer> FIRING_ORDER =
            java.util.Comparator.comparingLong(Timer::deadline);

    private static Timer timer(long deadline) {
        return new Timer(null, deadline, () -> { });
    }

    @Test
    void timersComeOutByDeadlineThenInTheOrderAdded() {
        var heap = new TimerHeap();
        var random = new Random(42);
        var all = new ArrayList<Timer>();
        for (int i = 0; i < 5_000; i++) {
            Timer t = timer(random.nextInt(100));
            all.add(t);
            heap.add(t, t.deadline());
        }
        all.sort(FIRING_ORDER);
        var out = new ArrayList<Timer>();
        while (!heap.isEmpty()) {
            out.add((Timer) heap.poll());
        }
        assertThat(out).containsExactlyElementsOf(all);
    }

    @Test
    void removingFromTheMiddleKeepsTheOrder() {
        var heap = new TimerHeap();
        var random = new Random(7);
        var kept = new ArrayList<Timer>();
        for (int i = 0; i < 2_000; i++) {
            Timer t = timer(random.nextInt(1_000));
            heap.add(t, t.deadline());
            kept.add(t);
        }
        for (int i = 0; i < 1_000; i++) {
            Timer gone = kept.remove(random.nextInt(kept.size()));
            heap.remove(gone);
        }
        kept.sort(FIRING_ORDER);
        List<Timer> out = new ArrayList<>();
        while (!heap.isEmpty()) {
            out.add((Timer) heap.poll());
        }
        assertThat(out).containsExactlyElementsOf(kept);
        assertThat(heap.peek()).isNull();
    }
}
