package dev.weft.queue;

/**
 * A first-in, first-out queue for tasks: Python's {@code queue.Queue} and asyncio's
 * {@code Queue}. See {@link JoinableQueue} for waiting, {@code taskDone}/{@code join} and
 * shutdown.
 *
 * <p><b>Serialization:</b> not {@link java.io.Serializable}, unlike the JDK's blocking queues: a
 * queue belongs to the tasks of a running program, and its waiters are not state that could be
 * restored. Copy the items out ({@code new ArrayList<>(queue)}) to persist them.
 *
 * @param <E> the item type
 */
public final class FifoQueue<E> extends DequeQueue<E> {

    /** Creates an unbounded queue. */
    public FifoQueue() {
        this(Integer.MAX_VALUE);
    }

    /**
     * Creates a queue that holds at most {@code capacity} items; 0 makes a rendezvous, where a
     * put waits for a take.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public FifoQueue(int capacity) {
        super(capacity, End.BACK);
    }
}
