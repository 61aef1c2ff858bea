package dev.weft.process;

/**
 * Thrown by {@link CompletedProcess#check()} for a process that exited with a code other than 0:
 * Python's {@code CalledProcessError}. The process and what it wrote come with it.
 */
public final class ProcessFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient CompletedProcess process;

    ProcessFailedException(CompletedProcess process, String message) {
        super(message);
        this.process = process;
    }

    /** Returns the process that failed, with its exit code and output. */
    public CompletedProcess process() {
        return process;
    }

    /** Returns the exit code of the process. */
    public int exitCode() {
        return process.exitCode();
    }
}
