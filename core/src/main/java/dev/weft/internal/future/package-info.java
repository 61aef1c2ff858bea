/**
 * The one future behind {@code Task} and {@code Work}: an outcome written once, the waits and
 * callbacks it serves, and what counts as observing a failure. Built on {@code internal.park}.
 * Not exported; not part of Weft's API.
 */
package dev.weft.internal.future;
