package dev.weft;

import java.time.Duration;

/**
 * One place where a loop's thread was held longer than its watchdog allows, from
 * {@link Loop#blockingReport()}: typically a call that blocks the carrier instead of parking
 * (file I/O, DNS, a process pipe, a class initialiser, a native frame) or a long computation.
 *
 * @param site the first frame of the application's own code, where it called into the blocking
 *     code; the top frame when the whole stack is the JDK's
 * @param call the frame at the top of the stack while the loop was held: what was blocking
 * @param times how many times the loop was held there
 * @param total how long in all
 * @param longest the longest single hold
 */
public record BlockingSite(String site, String call, long times, Duration total,
        Duration longest) {}
