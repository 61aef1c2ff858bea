package dev.weft;

import java.util.Set;

/**
 * What {@link Weft#waitTasks} returns: the tasks that finished and those still pending, each set
 * in the order the tasks were given.
 *
 * @param done tasks finished when the wait returned
 * @param pending tasks not finished when the wait returned
 * @param <K> the type of the tasks given, such as {@code Task<String>}, or {@code Task<?>} for
 *     tasks of several result types
 */
public record WaitResult<K extends Task<?>>(Set<K> done, Set<K> pending) {

    /** Copies the sets. */
    public WaitResult {
        done = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(done));
        pending = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(pending));
    }
}
