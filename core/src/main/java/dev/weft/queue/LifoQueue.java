package dev.weft.queue;

/**
 * A last-in, first-out queue (a stack) for tasks: Python's {@code queue.LifoQueue} and asyncio's
 * {@code LifoQueue}; the item put last is taken first. See {@link JoinableQueue} for waiting,
 * {@code taskDone}/{@code join} and shutdown.
 *
 * @param <E> the item type
 */
public final class LifoQueue<E> extends DequeQueue<E> {

    /** Creates an unbounded queue. */
    public LifoQueue() {
        this(Integer.MAX_VALUE);
    }

    /**
     * Creates a queue that holds at most {@code capacity} items; 0 makes a rendezvous, where a
     * put waits for a take.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public LifoQueue(int capacity) {
        super(capacity, End.FRONT);
    }
}
