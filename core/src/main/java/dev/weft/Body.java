package dev.weft;

/**
 * A block of code run inside a scope, such as {@link Weft#timeout} or {@link Weft#shield}, whose
 * checked exceptions pass through the scope unchanged: a body that throws nothing lets the scope
 * throw nothing more than its own outcome.
 *
 * @param <T> what the body returns
 * @param <X> what the body may throw
 */
@FunctionalInterface
public interface Body<T, X extends Exception> {

    /** Runs the body and returns its value. */
    T run() throws X;
}
