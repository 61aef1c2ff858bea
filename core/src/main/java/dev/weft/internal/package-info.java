/**
 * Weft's internals shared by its packages: the scheduler hook, the only code that touches JDK
 * internals. Not API; may change in any release.
 */
package dev.weft.internal;
