package dev.weft;

/**
 * Something a loop's timer heap holds: a {@link Timer}, or a {@link Task} sleeping until a
 * deadline. A sleeping task is its own entry, so that a sleep allocates nothing.
 */
abstract class TimerEntry {
    int heapIndex = -1;   // loop thread only; -1 when not in the heap

    /** Loop thread: the deadline has come. */
    abstract void fire();

    /** Loop thread: whether the entry is waiting in a heap. */
    final boolean isScheduled() {
        return heapIndex >= 0;
    }
}
