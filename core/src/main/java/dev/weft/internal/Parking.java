package dev.weft.internal;

import java.util.concurrent.CancellationException;

/**
 * How Weft's primitives wait: the bridge from {@code dev.weft.sync} and {@code dev.weft.queue} to
 * the loop's tasks, timers and cancellation, which live in {@code dev.weft}. The core installs
 * the one implementation when its classes load; primitives reach it through {@link #get()}.
 *
 * <p>A <em>party</em> is whoever waits: the calling {@code Task}, or the calling thread when it
 * is not a task.
 *
 * <p>Not part of Weft's API.
 */
public interface Parking {

    /** Returns the installed implementation, loading Weft's core first if needed. */
    static Parking get() {
        Parking parking = Installed.parking;
        if (parking == null) {
            Installed.loadCore();
            parking = Installed.parking;
        }
        return parking;
    }

    /** Called once by Weft's core as it loads. */
    static void install(Parking parking) {
        Installed.parking = parking;
    }

    /** Returns the calling task, or the calling thread when it is not a task. */
    Object currentParty();

    /** Returns the loop of a task party or of a loop's carrier thread, or null for a thread. */
    Object loopOf(Object party);

    /** Returns how messages name a task party. */
    String describe(Object party);

    /**
     * Returns the party's clock reading in nanoseconds: its loop's clock for a task, real time
     * for a thread.
     */
    long nanoTime(Object party);

    /**
     * Returns whether a cancellation applies to the party now: a cancelled task (outside a
     * shield), or an interrupted thread. Its wait is about to end without a grant.
     */
    boolean isCancelling(Object party);

    /**
     * Throws if the party may not block now: a cancelled task, or an interrupted thread.
     *
     * @throws CancellationException then
     */
    void checkpoint(Object party);

    /**
     * Parks the calling party, whose {@code waiter} is already in its primitive's wait list,
     * until the wait is granted, {@code timeoutNanos} pass (negative: never), or the party is
     * cancelled. A grant that races with a timeout or a cancellation wins: the wait then counts
     * as granted and a cancellation applies at the next cancellation point.
     *
     * @return true if granted; false if the timeout passed and the waiter was abandoned
     * @throws CancellationException if cancelled (the waiter was abandoned)
     * @throws IllegalStateException a {@code dev.weft.DeadlockException} if the wait could never
     *     be granted (the waiter was abandoned)
     */
    boolean await(Waiter waiter, long timeoutNanos);

    /**
     * Parks as {@link #await} does with no timeout, but a cancellation or interrupt does not end
     * the wait: it stays pending for the next cancellation point. For the steps that must finish,
     * such as re-acquiring a lock after waiting on a condition.
     *
     * @throws IllegalStateException a {@code dev.weft.DeadlockException} if the wait could never
     *     be granted (the waiter was abandoned)
     */
    void awaitUncancellable(Waiter waiter);

    /**
     * Parks the calling task until {@code channel} is ready for {@code ops} on its loop's own
     * selector; the loop's idle wait then is the selector's. This is a cancellation point; a
     * cancelled wait leaves the channel as it was.
     *
     * @throws WrongThreadException if the party is not a task
     * @throws java.io.IOException if the channel is closed meanwhile
     */
    void awaitReady(Object party, java.nio.channels.SelectableChannel channel, int ops)
            throws java.io.IOException;

    /**
     * Records that {@code owner} (a server, connection or socket, as messages name it) holds
     * {@code channel} on {@code loop}: a channel still open when its loop closes is closed then,
     * and reported. {@link #forget} ends the record.
     */
    void own(Object loop, java.nio.channels.SelectableChannel channel, Object owner);

    /**
     * Stops {@code loop} watching {@code channel}, which is being closed, and wakes a task
     * waiting on it; on the loop's thread, or soon after from any other thread.
     */
    void forget(Object loop, java.nio.channels.SelectableChannel channel);

    /** Records that a task party now holds {@code lock}, for the report if it ends holding it. */
    void acquired(Object party, WaitPoint lock);

    /** Records that a task party released {@code lock}. */
    void released(Object party, WaitPoint lock);

    /**
     * Returns the exception a party should get for waiting on a {@code lock} it already holds
     * and cannot acquire again: a {@code dev.weft.DeadlockException} with {@code message}.
     */
    IllegalStateException selfDeadlock(String message);

    /** Holds the implementation. */
    final class Installed {
        private static volatile Parking parking;

        private Installed() {}

        private static void loadCore() {
            try {
                // The core installs itself from its static initialiser.
                Class.forName("dev.weft.LoopParking", true, Parking.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Weft's core (dev.weft) is not on the class "
                        + "path; add weft-core", e);
            }
        }
    }
}
