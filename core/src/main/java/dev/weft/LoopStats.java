package dev.weft;

/**
 * A snapshot of a loop's counters, from {@link Loop#stats()}. Read from another thread while the
 * loop runs, the figures are each current but not taken at one instant.
 *
 * @param tasksAlive tasks spawned and not yet finished
 * @param tasksSpawned tasks spawned since the loop was created
 * @param tasksFinished tasks finished since the loop was created
 * @param timersPending timers waiting to fire, including those of sleeps and timeouts
 * @param remoteSubmissions pieces of work handed to the loop by other threads (JDK timers and
 *     pollers, other loops, plain threads); work made runnable by the loop's own tasks never
 *     counts here, as it takes a cheaper path
 * @param wakeUps how many of those found the loop thread asleep and had to wake it
 * @param runQueueLength about how many pieces of work wait to run now
 * @param busyRatio the share of the loop's life its thread spent running work rather than
 *     idling, from 0 to 1
 */
public record LoopStats(long tasksAlive, long tasksSpawned, long tasksFinished, int timersPending,
        long remoteSubmissions, long wakeUps, int runQueueLength, double busyRatio) {}
