/**
 * Inspection: task dumps, the watchdog and its blocking report, and the JMX view of loops. Reads
 * the loop's machinery; nothing below depends on it. Not exported; not part of Weft's API.
 */
package dev.weft.internal.inspect;
