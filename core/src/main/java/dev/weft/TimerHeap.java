package dev.weft;

import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by deadline, then by the order they were added. Loop
 * thread only.
 */
final class TimerHeap {
    /* How it works: deadlines and sequence numbers sit in primitive arrays parallel to the
     * timers, so sifting compares numbers in two contiguous arrays instead of following a
     * pointer to each timer; with 100,000 sleeping tasks that is the difference between cache
     * hits and a miss per comparison. */

    private Timer[] timers = new Timer[64];
    private long[] deadlines = new long[64];
    private long[] sequences = new long[64];
    private int size;
    private long nextSequence;   // ties between equal deadlines go to the earlier added

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Returns the earliest timer without removing it, or null when there is none. */
    Timer peek() {
        return size == 0 ? null : timers[0];
    }

    void add(Timer timer) {
        if (size == timers.length) {
            int capacity = size * 2;
            timers = Arrays.copyOf(timers, capacity);
            deadlines = Arrays.copyOf(deadlines, capacity);
            sequences = Arrays.copyOf(sequences, capacity);
        }
        size++;
        siftUp(size - 1, timer, timer.deadline(), nextSequence++);
    }

    /** Removes and returns the earliest timer, or null when there is none. */
    Timer poll() {
        if (size == 0) {
            return null;
        }
        Timer first = timers[0];
        removeAt(0);
        return first;
    }

    /** Removes the timer if it is in this heap; O(log n). */
    void remove(Timer timer) {
        int index = timer.heapIndex;
        if (index >= 0 && index < size && timers[index] == timer) {
            removeAt(index);
        }
    }

    private void removeAt(int index) {
        timers[index].heapIndex = -1;
        size--;
        Timer last = timers[size];
        long lastDeadline = deadlines[size];
        long lastSequence = sequences[size];
        timers[size] = null;
        if (index == size) {
            return;
        }
        siftDown(index, last, lastDeadline, lastSequence);
        if (timers[index] == last) {
            siftUp(index, last, lastDeadline, lastSequence);
        }
    }

    private boolean before(long deadline, long sequence, int index) {
        return deadline < deadlines[index]
                || (deadline == deadlines[index] && sequence < sequences[index]);
    }

    private void siftUp(int index, Timer timer, long deadline, long sequence) {
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!before(deadline, sequence, parent)) {
                break;
            }
            place(index, timers[parent], deadlines[parent], sequences[parent]);
            index = parent;
        }
        place(index, timer, deadline, sequence);
    }

    private void siftDown(int index, Timer timer, long deadline, long sequence) {
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && before(deadlines[right], sequences[right], child)) {
                child = right;
            }
            if (!before(deadlines[child], sequences[child], deadline, sequence)) {
                break;
            }
            place(index, timers[child], deadlines[child], sequences[child]);
            index = child;
        }
        place(index, timer, deadline, sequence);
    }

    private static boolean before(long deadline, long sequence, long otherDeadline,
            long otherSequence) {
        return deadline < otherDeadline || (deadline == otherDeadline && sequence < otherSequence);
    }

    private void place(int index, Timer timer, long deadline, long sequence) {
        timers[index] = timer;
        deadlines[index] = deadline;
        sequences[index] = sequence;
        timer.heapIndex = index;
    }
}
