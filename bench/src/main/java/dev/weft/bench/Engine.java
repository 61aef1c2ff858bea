package dev.weft.bench;

/** What runs a workload (named Engine, not Runtime, to keep java.lang.Runtime visible): Weft on one loop, or JDK virtual threads on the default scheduler. */
public enum Engine {
    /** Weft tasks on one loop. */
    WEFT,
    /**
     * JDK virtual threads on the default scheduler; the runner limits it to one carrier with
     * {@code -Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1}.
     */
    JDK;

    static Engine parse(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
