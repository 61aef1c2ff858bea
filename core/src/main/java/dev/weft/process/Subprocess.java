/*
 * Copyright 2026 The Weft Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.weft.process;

import dev.weft.Loop;
import dev.weft.TaskGroup;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.exec.WorkerPool;
import dev.weft.internal.hook.Uninterruptibly;
import dev.weft.net.PipeReader;
import dev.weft.net.PipeWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running child process, started by {@link Command#start()}: its pipes as loop-friendly
 * streams, {@link #waitFor()}, {@link #communicate}, and termination of its process tree.
 *
 * {@snippet :
 * try (Subprocess tail = Command.of("tail", "-f", "app.log").start()) {
 *     String line;
 *     while ((line = tail.stdout().readLine()) != null) {   // parks; never holds the loop
 *         if (line.contains("ready")) {
 *             break;
 *         }
 *     }
 * }                                   // close() terminates tail and its children
 * }
 *
 * <p><b>Cancellation:</b> when a task waiting in {@link #waitFor()} or {@link #communicate} is
 * cancelled or times out, the process is {@linkplain #terminate() terminated} (SIGTERM to its
 * tree, the command's grace period on the loop's clock, SIGKILL to what is left, pipes closed)
 * before the cancellation goes on. Reads and writes of its pipes are cancellation points that
 * leave the process alone. {@link #close()} terminates a process still running. A child still
 * running when its loop closes is killed and reported.
 *
 * <p><b>Thread safety:</b> thread-safe; each pipe has one reader or writer at a time.
 */
public final class Subprocess implements AutoCloseable {
    /* How it works: the JDK starts the process (on a small pool of spawner threads: a fork takes
     * a while) and gives it blocking pipes, which PipeReader and PipeWriter serve from pump threads. The
     * exit is the JDK's onExit() future, completed by its reaper thread; waiting on it parks the
     * task (a JDK wait: a virtual clock does not jump past it, since it is the world outside
     * that ends it). Termination snapshots the process tree before each signal, since the
     * descendants of a process that died can no longer be found. */

    private static final byte[] NOTHING = new byte[0];

    /**
     * The threads that fork: as many as there are cores, since forks at once contend in the
     * kernel for the JVM's memory map; more threads only make each fork slower.
     */
    private static final WorkerPool SPAWNER = new WorkerPool("weft-spawn",
            Math.max(2, Runtime.getRuntime().availableProcessors()));

    private final Command command;
    private final Process process;
    private final PipeWriter stdin;            // null: not piped
    private final PipeReader stdout;           // null: not piped
    private final PipeReader stderr;           // null: not piped, or merged
    private final Loop loop;                   // the starting task's, or null
    private final CompletableFuture<Process> exit;   // one per process: each onExit() call
                                                     // costs the JDK a task of its own
    private final java.util.concurrent.atomic.AtomicBoolean communicated =
            new java.util.concurrent.atomic.AtomicBoolean();   // any thread

    private Subprocess(Command command, ProcessBuilder builder, Process process, Loop loop) {
        this.command = command;
        this.process = process;
        this.loop = loop;
        this.exit = process.onExit();
        String name = command.argv().getFirst() + " (pid " + process.pid() + ")";
        this.stdin = builder.redirectInput() == ProcessBuilder.Redirect.PIPE
                ? PipeWriter.of(process.getOutputStream(), "stdin of " + name) : null;
        this.stdout = builder.redirectOutput() == ProcessBuilder.Redirect.PIPE
                ? PipeReader.of(process.getInputStream(), "stdout of " + name) : null;
        this.stderr = !builder.redirectErrorStream()
                && builder.redirectError() == ProcessBuilder.Redirect.PIPE
                ? PipeReader.of(process.getErrorStream(), "stderr of " + name) : null;
    }

    static Subprocess start(Command command) throws IOException {
        ProcessBuilder builder = command.processBuilder();
        Process process;
        try {
            // Shielded: a cancel during the fork would leave a child nobody knows of.
            process = Weft.inTask() ? Weft.shield(() -> SPAWNER.call(builder::start))
                    : builder.start();
        } catch (IOException | CompletionException e) {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            throw new IOException("cannot start " + command.argv() + ": " + cause.getMessage()
                    + " (is \"" + command.argv().getFirst() + "\" installed and on the PATH?)",
                    cause);
        }
        Loop loop = Weft.inTask() ? Loop.current() : null;
        var child = new Subprocess(command, builder, process, loop);
        if (loop != null) {
            LoopChildren.started(loop, child);
        }
        // Once it has exited, the loop need not kill it, and nobody can write to it any more.
        child.exit.thenRun(child::exited);
        return child;
    }

    /** Returns the process id. */
    public long pid() {
        return process.pid();
    }

    /** Returns the command that started this process. */
    public Command command() {
        return command;
    }

    /**
     * Returns the writer of the process's stdin.
     *
     * @throws IllegalStateException if stdin is not a pipe
     */
    public PipeWriter stdin() {
        return piped(stdin, "stdin", " a pipe", "withStdin");
    }

    /**
     * Returns the reader of the process's stdout (with stderr in it, if merged).
     *
     * @throws IllegalStateException if stdout is not a pipe
     */
    public PipeReader stdout() {
        return piped(stdout, "stdout", " a pipe", "withStdout");
    }

    /**
     * Returns the reader of the process's stderr.
     *
     * @throws IllegalStateException if stderr is not a pipe, or is merged into stdout
     */
    public PipeReader stderr() {
        return piped(stderr, "stderr", " a pipe of its own", "withStderr");
    }

    /** Returns {@code stream}, or says that the command did not make it a pipe. */
    private <S> S piped(S stream, String which, String what, String setter) {
        if (stream == null) {
            throw new IllegalStateException(which + " of " + this + " is not" + what
                    + "; start the command with " + setter + "(Redirect.PIPE), the default");
        }
        return stream;
    }

    /** Returns whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Returns the exit code of the process, which has ended.
     *
     * @throws IllegalStateException if it is still running
     */
    public int exitCode() {
        if (process.isAlive()) {
            throw new IllegalStateException(this + " is still running; waitFor() it first");
        }
        return process.exitValue();
    }

    /**
     * Waits until the process ends and returns its exit code (128 plus the signal's number for
     * a process a signal ended); its output stays readable. This is a
     * {@linkplain dev.weft cancellation point}: a cancelled or timed-out wait
     * {@linkplain #terminate() terminates} the process first. A process that writes more than a
     * pipe holds waits for a reader: read its output in another task, or use
     * {@link #communicate}.
     */
    public int waitFor() {
        try {
            return awaitExit();
        } catch (Throwable ended) {   // cancelled, timed out: the process goes with the wait
            terminateAfter(ended);
            throw ended;
        }
    }

    /**
     * Writes {@code input} (null for none) to stdin and closes it, reads stdout and stderr to
     * their ends, all at once so that no full pipe can block the others, and waits for the
     * process to end: asyncio's {@code communicate}. A process that stops reading its stdin
     * early is no error (as in Python). This is a {@linkplain dev.weft cancellation point}: a
     * cancelled or timed-out wait {@linkplain #terminate() terminates} the process first.
     *
     * @throws IllegalStateException if {@code input} is given but stdin is not a pipe, or if
     *     communicate was called before: the streams it reads to their ends are spent
     */
    public CompletedProcess communicate(byte[] input) throws IOException {
        if (input != null && stdin == null) {
            stdin();   // throws, naming the problem
        }
        if (!communicated.compareAndSet(false, true)) {
            throw new IllegalStateException("communicate was already called on " + this
                    + "; it reads the process's output to its end, once");
        }
        try {
            CompletedProcess done = TaskGroup.run(group -> {
                if (stdin != null) {
                    group.spawn("stdin of " + pid(), () -> feed(input));
                }
                Task<byte[]> out = stdout == null ? null
                        : group.spawn("stdout of " + pid(), () -> readAll(stdout));
                Task<byte[]> err = stderr == null ? null
                        : group.spawn("stderr of " + pid(), () -> readAll(stderr));
                int code = awaitExit();
                return new CompletedProcess(command.argv(), code,
                        out == null ? NOTHING : out.result(), err == null ? NOTHING : err.result());
            });
            return done;
        } catch (Throwable ended) {   // cancelled, timed out, a pipe failed: the process goes
            terminateAfter(ended);
            throw ended;
        }
    }

    /** Terminates after {@code ended} ended a wait; a failure to do so goes with it. */
    private void terminateAfter(Throwable ended) {
        try {
            terminate();
        } catch (Throwable alsoFailed) {
            ended.addSuppressed(alsoFailed);
        }
    }

    /**
     * Ends the process: SIGTERM to it (and, by default, to its descendants), then, after the
     * command's grace period on the loop's clock, SIGKILL to whatever is still running; then
     * closes the pipes. Waits for all of that, shielded from cancellation, so that nothing is
     * left running; a cancellation applies at the next cancellation point.
     */
    public void terminate() {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        if (!awaitEnd(tree, command.grace())) {
            List<ProcessHandle> now = tree();   // children started meanwhile go too
            tree.forEach(ProcessHandle::destroyForcibly);
            now.forEach(ProcessHandle::destroyForcibly);
            awaitEnd(now, Duration.ofSeconds(10));   // SIGKILL cannot be caught
        }
        ended();
    }

    /** Sends SIGKILL to the process (and, by default, its descendants) and closes its pipes. */
    public void kill() {
        killAndWait(Duration.ZERO);
    }

    /**
     * Returns whether the process has ended by SIGKILL, as {@link #killAndWait} ends it (the JDK
     * reports a process killed by signal n as exit code 128 + n), rather than by itself.
     */
    boolean endedByKill() {
        return !process.isAlive() && process.exitValue() == 128 + 9;
    }

    /** Kills the tree, and waits up to {@code limit} until it has ended. */
    void killAndWait(Duration limit) {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
        if (!limit.isZero()) {
            awaitEnd(tree, limit);
        }
        ended();
    }

    /**
     * Terminates the process if it is still running, and closes its pipes: output not read
     * yet is dropped.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            terminate();
        } else {
            ended();
        }
    }

    @Override
    public String toString() {
        return "Subprocess[" + command.argv() + ", pid " + process.pid()
                + (process.isAlive() ? "" : ", exited " + process.exitValue()) + "]";
    }

    // ---- the machinery -------------------------------------------------------------------------

    /** Parks until the process has ended, returning its exit code; a cancellation point. */
    private int awaitExit() {
        try {
            return exit.get().exitValue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();   // the cancellation's interrupt, kept
            throw new CancellationException("cancelled while waiting for " + this);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException("the JDK failed to wait for " + this,
                    impossible.getCause());
        }
    }

    /**
     * Waits at most {@code limit} (on the loop's clock in a task, shielded) until every process
     * of {@code tree} has ended; returns whether they did.
     */
    private static boolean awaitEnd(List<ProcessHandle> tree, Duration limit) {
        CompletableFuture<Void> all = CompletableFuture.allOf(
                tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
        if (!Weft.inTask()) {
            return awaitInThread(all, limit);
        }
        return Weft.shield(() -> {
            try {
                Weft.timeout(limit, () -> {
                    try {
                        return all.get();
                    } catch (InterruptedException timedOut) {   // the timeout's interrupt
                        throw new CancellationException("the termination grace ended");
                    } catch (ExecutionException impossible) {   // onExit never fails
                        return null;
                    }
                });
                return true;
            } catch (TimeoutException graceOver) {
                return false;
            }
        });
    }

    private static boolean awaitInThread(CompletableFuture<Void> all, Duration limit) {
        return Uninterruptibly.call(() -> {   // ending the children must finish
            try {
                all.get(limit.toNanos(), TimeUnit.NANOSECONDS);
                return true;
            } catch (java.util.concurrent.TimeoutException graceOver) {
                return false;
            } catch (ExecutionException impossible) {   // onExit never fails
                return true;
            }
        });
    }

    /** The process and, for a tree termination, its descendants now, deepest last. */
    private List<ProcessHandle> tree() {
        var tree = new ArrayList<ProcessHandle>();
        tree.add(process.toHandle());
        if (command.scope() == TerminationScope.PROCESS_TREE) {
            process.toHandle().descendants().forEach(tree::add);
        }
        return tree;
    }

    /** The process was ended by us: its pipes close, and its loop forgets it. */
    private void ended() {
        closePipes();
        exited();
    }

    /**
     * The JDK's reaper, or us: the process has exited. Its loop forgets it, and its stdin stops
     * (nobody reads it now); what it wrote stays readable to the end.
     */
    private void exited() {
        if (stdin != null) {
            stdin.abort();
        }
        if (loop != null && !process.isAlive()) {
            LoopChildren.ended(loop, this);
        }
    }

    /** Closes the pipes: readers see their end (what was not read is dropped), stdin stops. */
    void closePipes() {
        if (stdin != null) {
            stdin.abort();
        }
        if (stdout != null) {
            stdout.close();
        }
        if (stderr != null) {
            stderr.close();
        }
    }


    /** communicate's stdin: the input, then the end; a child that stopped reading is fine. */
    private void feed(byte[] input) throws IOException {
        try {
            if (input != null) {
                stdin.write(input);
            }
            stdin.close();
        } catch (IOException brokenPipe) {
            if (process.isAlive() && !isBrokenPipe(brokenPipe)) {
                throw brokenPipe;
            }
            // The child closed its stdin (or ended) before reading everything: as in Python's
            // communicate, what it did not read is not an error; its exit code tells the rest.
        }
    }

    private static boolean isBrokenPipe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Broken pipe")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] readAll(PipeReader reader) throws IOException {
        return reader.readAll(Integer.MAX_VALUE);
    }
}
