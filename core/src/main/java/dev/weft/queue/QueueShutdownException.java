package dev.weft.queue;

/**
 * Thrown by a queue that was {@linkplain JoinableQueue#shutdown() shut down}: to producers at
 * once, and to consumers once the queue is empty, so that consumer loops end cleanly. Python's
 * {@code QueueShutDown}.
 *
 * {@snippet :
 * try {
 *     while (true) {
 *         handle(queue.take());
 *         queue.taskDone();
 *     }
 * } catch (QueueShutdownException done) {
 *     // the producers are finished and the queue is drained
 * }
 * }
 */
public final class QueueShutdownException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the queue. */
    public QueueShutdownException(String message) {
        super(message);
    }
}
