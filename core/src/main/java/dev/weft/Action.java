package dev.weft;

/**
 * A task body that returns nothing and may throw, such as {@code () -> Thread.sleep(1000)}: what
 * {@link Runnable} would be if it could throw checked exceptions.
 */
@FunctionalInterface
public interface Action {

    /** Runs the body. */
    void run() throws Exception;
}
