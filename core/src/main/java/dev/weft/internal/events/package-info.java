/**
 * Weft's JDK Flight Recorder events. Depends on the JDK alone. Not exported; not part of Weft's
 * API.
 */
package dev.weft.internal.events;
