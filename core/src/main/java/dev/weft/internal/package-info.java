/**
 * Weft's internals shared by its packages: the scheduler hook (the only code that touches JDK
 * internals) and the waiting machinery behind the primitives of {@code sync} and {@code queue}.
 * Not API; may change in any release.
 */
package dev.weft.internal;
