package dev.weft.internal.park;

/**
 * A loop's own platform thread: callbacks that run on it belong to the loop as its tasks do.
 *
 * <p>Not part of Weft's API.
 */
public interface LoopThread {

    /** Returns the loop this thread carries. */
    Home home();
}
