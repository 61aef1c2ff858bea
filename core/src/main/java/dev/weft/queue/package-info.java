/**
 * Queues that tasks wait on: {@link dev.weft.queue.FifoQueue}, {@link dev.weft.queue.LifoQueue}
 * and {@link dev.weft.queue.PriorityQueue}, bounded or not, each a full
 * {@link java.util.concurrent.BlockingQueue} with Python's {@code taskDone()}/{@code join()} and
 * {@code shutdown()} (see {@link dev.weft.queue.JoinableQueue}), and
 * {@link dev.weft.queue.JoinableQueue#select select} to take from whichever of several queues
 * has an item first.
 *
 * <p>The producer–consumer pattern: producers {@code put}, consumers {@code take} and call
 * {@code taskDone()}; the producer side calls {@code join()} to learn that all work is done and
 * {@code shutdown()} to end the consumers, whose {@code take()} then throws
 * {@link dev.weft.queue.QueueShutdownException}.
 *
 * <p>Queues are thread-safe, and are how tasks of different loops hand work to each other. A
 * wait on a queue that only tasks of the waiter's loop have used counts towards deadlock
 * detection and the virtual clock as {@code dev.weft.sync} describes.
 */
package dev.weft.queue;
