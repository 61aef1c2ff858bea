package dev.weft;

/** When {@link Weft#waitTasks} returns: asyncio's {@code return_when}. */
public enum WaitMode {
    /** When every task has finished (or the timeout passed). */
    ALL_COMPLETED,
    /** When any task has finished. */
    FIRST_COMPLETED,
    /** When any task has failed, or else when every task has finished. */
    FIRST_EXCEPTION
}
