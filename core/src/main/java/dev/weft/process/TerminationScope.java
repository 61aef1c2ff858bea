package dev.weft.process;

/** Which processes a {@link Subprocess}'s termination reaches. */
public enum TerminationScope {
    /**
     * The default: the child and every process it started that is still its descendant, so a
     * grandchild cannot keep running, or keep a pipe open, once its parent is gone.
     */
    PROCESS_TREE,

    /** The child alone; its descendants are left to it. */
    PROCESS
}
