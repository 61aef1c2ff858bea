package dev.weft.internal;

/**
 * Something a task or thread can wait on: a lock, a semaphore, a queue, an event. Deadlock
 * detection and the virtual clock ask it who could end a wait on it.
 *
 * <p>Not part of Weft's API.
 */
public interface WaitTarget {

    /**
     * Returns the party (task or thread) that alone can end waits on this target, such as a
     * lock's owner, or null when anyone may (a queue, an event).
     */
    default Object holder() {
        return null;
    }

    /**
     * Returns whether only the tasks of {@code loop} have used this target, so that only they
     * can end a wait on it (see {@link Affinity}).
     */
    boolean confinedTo(Object loop);
}
