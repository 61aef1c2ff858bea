package dev.weft.internal.loop;

/**
 * What a loop tells its watchdog about each turn: a step began, the loop went idle or busy, the
 * loop stopped. Loop thread only.
 *
 * <p>Not part of Weft's API.
 */
public interface TurnWatch {

    /** A task step, callback or timer is about to run. */
    void stepped();

    /** The loop is about to wait for work ({@code false}), or has work again ({@code true}). */
    void busy(boolean running);

    /** The loop's thread is ending. */
    void stopped();
}
