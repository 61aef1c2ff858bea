package dev.weft.process;

/** Which processes a {@link Subprocess}'s termination reaches. */
public enum TerminationScope {
    /**
     * The default: the child and every process that is its descendant when the termination
     * begins, so that a grandchild cannot keep running, or keep a pipe open, after its parent
     * is terminated. A descendant whose parent had already exited (a daemon) is no longer the
     * child's descendant, and is not reached.
     */
    PROCESS_TREE,

    /** The child alone; its descendants are left to it. */
    PROCESS
}
