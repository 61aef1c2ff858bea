package dev.weft.bench;

/**
 * What runs a workload: Weft on one loop, or JDK virtual threads on the default scheduler. (Not
 * named Runtime, to keep {@code java.lang.Runtime} in sight.)
 */
public enum Engine {
    /** Weft tasks on one loop. */
    WEFT,
    /**
     * JDK virtual threads on the default scheduler; the runner limits it to one carrier with
     * {@code -Djdk.virtualThreadScheduler.parallelism=1} and
     * {@code -Djdk.virtualThreadScheduler.maxPoolSize=1}.
     */
    JDK;

    static Engine parse(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
