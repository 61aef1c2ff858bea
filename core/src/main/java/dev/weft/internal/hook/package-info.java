/**
 * The JDK's threads as Weft needs them: the scheduler hook, which is the only code in Weft that
 * touches JDK internals (to give a virtual thread a loop as its scheduler, self-tested on first
 * use), and waits that an interrupt cannot cut short. Depends on the JDK alone. Not exported; not
 * part of Weft's API.
 */
package dev.weft.internal.hook;
