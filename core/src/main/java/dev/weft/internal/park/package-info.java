/**
 * Waiting and parking: the one park ({@link dev.weft.internal.park.Parking}) that every blocking
 * call of Weft goes through, the typed parties (tasks and threads) and targets of a wait, the
 * wait lists of primitives, and the deadlock walk. Depends on the JDK and the scheduler hook only.
 * Not exported; not part of Weft's API.
 */
package dev.weft.internal.park;
