/**
 * Test support shipped with Weft: {@link dev.weft.test.VirtualClock}, virtual time that jumps to
 * the next timer whenever every task waits, so timer-heavy code is tested in milliseconds and
 * without real sleeps.
 */
package dev.weft.test;
