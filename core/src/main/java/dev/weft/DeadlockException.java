package dev.weft;

/**
 * Thrown into a waiting task when its wait could never end: the tasks in a cycle each wait for
 * a lock or a task that another of them holds, a task re-acquires a lock it holds that is not
 * reentrant, a lock's owner has ended without releasing it, or a loop's main task and every other
 * task wait on something only that loop could end and nothing is left to do it (see
 * {@code dev.weft.sync}). The message names each task, what it waits on and who holds that, with
 * the stacks of the other tasks involved.
 *
 * <p>It is an {@link IllegalStateException}: a deadlock is a bug in the program, and code that
 * catches it should usually let the task end so that what it holds is released.
 */
public final class DeadlockException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its report. */
    public DeadlockException(String report) {
        super(report);
    }
}
