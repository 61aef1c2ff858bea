package dev.weft.internal.loop;

/**
 * Something a loop's timer heap holds: a {@link LoopTimer}, or a task sleeping until a deadline.
 * A sleeping task is its own entry, so that a sleep allocates nothing.
 */
interface TimerEntry {

    /** Loop thread: the entry's place in the heap, or -1 when it is not in one. */
    int heapIndex();

    /** Loop thread: records the entry's place in the heap (-1: removed). */
    void heapIndex(int index);

    /** Loop thread: the deadline has come. */
    void fire();

    /** Loop thread: whether the entry is waiting in a heap. */
    default boolean isScheduled() {
        return heapIndex() >= 0;
    }
}
