package dev.weft;

/**
 * The body of {@link TaskGroup#run}: code that spawns children into the group it is given.
 *
 * @param <T> what the body returns
 * @param <X> what the body may throw
 */
@FunctionalInterface
public interface GroupBody<T, X extends Exception> {

    /** Runs the body with its group. */
    T run(TaskGroup group) throws X;
}
