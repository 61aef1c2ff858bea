package dev.weft.internal.park;

/**
 * A deadline that bounds a wait: a loop timer, or a sleeping task's own entry in its loop's
 * timer heap.
 *
 * <p>Not part of Weft's API.
 */
public interface Alarm {

    /** Returns whether the deadline has passed and the alarm went off. */
    boolean hasFired();

    /** Withdraws the alarm if it has not gone off; does nothing otherwise. */
    void withdraw();
}
