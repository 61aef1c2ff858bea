/**
 * The loop's machinery: the carrier's turn and its run queue, timers, the cross-thread wake-up
 * and the selector; the state of tasks (their outcome, cancel scopes, the ledger of what a loop
 * runs) and the stall check. Built on {@code internal.park}. Not exported; not part of Weft's API.
 */
package dev.weft.internal.loop;
