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

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A program to run and how: its arguments, environment, working directory, what its stdin,
 * stdout and stderr are, and how it is ended when the code waiting for it is cancelled.
 * Immutable; each {@code withX} returns a changed copy. asyncio's
 * {@code create_subprocess_exec} and Trio's {@code run_process} are the models.
 *
 * {@snippet :
 * CompletedProcess listing = Command.of("ls", "-l").withDirectory(Path.of("/tmp")).run();
 * String text = listing.check().stdoutText();
 *
 * try (Subprocess grep = Command.of("grep", "weft").start()) {
 *     grep.stdin().write("weft\nwarp\n");
 *     grep.stdin().close();
 *     String first = grep.stdout().readLine();        // parks; the loop runs other tasks
 * }
 * }
 *
 * <p>By default stdin, stdout and stderr are pipes, the environment is this JVM's, the directory
 * is the current one, and a cancelled wait ends the whole process tree: SIGTERM, then SIGKILL to
 * whatever is still running after {@link #DEFAULT_TERMINATION_GRACE}.
 */
public final class Command {
    /** How long a terminated process may take to end before it is killed: Trio's 5 s. */
    public static final Duration DEFAULT_TERMINATION_GRACE = Duration.ofSeconds(5);

    private final List<String> argv;
    private final Path directory;                 // null: the current directory
    private final Map<String, String> changes;    // null value: the variable is removed
    private final boolean clearedEnvironment;
    private final Redirect stdin;
    private final Redirect stdout;
    private final Redirect stderr;                // null: merged into stdout
    private final Duration grace;
    private final TerminationScope scope;

    private Command(List<String> argv, Path directory, Map<String, String> changes,
            boolean clearedEnvironment, Redirect stdin, Redirect stdout, Redirect stderr,
            Duration grace, TerminationScope scope) {
        this.argv = argv;
        this.directory = directory;
        this.changes = changes;
        this.clearedEnvironment = clearedEnvironment;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.grace = grace;
        this.scope = scope;
    }

    /**
     * Describes running {@code program} with {@code arguments}, looked up on the {@code PATH}
     * unless it is a path.
     *
     * @throws IllegalArgumentException if the program name is empty
     */
    public static Command of(String program, String... arguments) {
        Objects.requireNonNull(program, "program");
        var argv = new java.util.ArrayList<String>();
        argv.add(program);
        argv.addAll(List.of(arguments));
        return of(argv);
    }

    /**
     * Describes running {@code argv}: the program, then its arguments.
     *
     * @throws IllegalArgumentException if {@code argv} is empty or its program name is
     */
    public static Command of(List<String> argv) {
        List<String> copy = List.copyOf(argv);
        if (copy.isEmpty() || copy.getFirst().isEmpty()) {
            throw new IllegalArgumentException("a command needs a program to run; argv was "
                    + copy);
        }
        return new Command(copy, null, Map.of(), false, Redirect.PIPE, Redirect.PIPE,
                Redirect.PIPE, DEFAULT_TERMINATION_GRACE, TerminationScope.PROCESS_TREE);
    }

    /**
     * Describes running {@code mainClass} in a new JVM like this one: the same {@code java}
     * binary and class path, with the flag Weft needs, so that the child may run a Weft loop
     * of its own.
     */
    public static Command ofJava(String mainClass, String... arguments) {
        Objects.requireNonNull(mainClass, "mainClass");
        var argv = new java.util.ArrayList<String>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("--add-opens");
        argv.add("java.base/java.lang=ALL-UNNAMED");
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(mainClass);
        argv.addAll(List.of(arguments));
        return of(argv);
    }

    /** Returns the program and its arguments. */
    public List<String> argv() {
        return argv;
    }

    /** Returns a copy that runs in {@code directory}. */
    public Command withDirectory(Path directory) {
        return new Command(argv, Objects.requireNonNull(directory, "directory"), changes,
                clearedEnvironment, stdin, stdout, stderr, grace, scope);
    }

    /** Returns a copy whose environment also has {@code name} set to {@code value}. */
    public Command withEnvironment(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        var next = new LinkedHashMap<>(changes);
        next.put(name, value);
        return withChanges(next, clearedEnvironment);
    }

    /** Returns a copy whose environment lacks {@code name}. */
    public Command withoutEnvironment(String name) {
        Objects.requireNonNull(name, "name");
        var next = new LinkedHashMap<>(changes);
        next.put(name, null);
        return withChanges(next, clearedEnvironment);
    }

    /** Returns a copy whose environment is exactly {@code environment}, nothing inherited. */
    public Command withEnvironmentOnly(Map<String, String> environment) {
        return withChanges(new LinkedHashMap<>(environment), true);
    }

    private Command withChanges(Map<String, String> next, boolean cleared) {
        return new Command(argv, directory, Collections.unmodifiableMap(next), cleared, stdin,
                stdout, stderr, grace, scope);
    }

    /**
     * Returns a copy whose stdin is {@code source}: {@link Redirect#PIPE} (the default, written
     * through {@link Subprocess#stdin()}), {@link Redirect#INHERIT}, or
     * {@link Redirect#from(java.io.File)}.
     */
    public Command withStdin(Redirect source) {
        return new Command(argv, directory, changes, clearedEnvironment,
                Objects.requireNonNull(source, "source"), stdout, stderr, grace, scope);
    }

    /**
     * Returns a copy whose stdout is {@code target}: {@link Redirect#PIPE} (the default, read
     * through {@link Subprocess#stdout()}), {@link Redirect#INHERIT}, {@link Redirect#DISCARD},
     * {@link Redirect#to(java.io.File)} or {@link Redirect#appendTo(java.io.File)}.
     */
    public Command withStdout(Redirect target) {
        return new Command(argv, directory, changes, clearedEnvironment, stdin,
                Objects.requireNonNull(target, "target"), stderr, grace, scope);
    }

    /** Returns a copy whose stderr is {@code target}; see {@link #withStdout}. */
    public Command withStderr(Redirect target) {
        return new Command(argv, directory, changes, clearedEnvironment, stdin, stdout,
                Objects.requireNonNull(target, "target"), grace, scope);
    }

    /** Returns a copy whose stderr goes where its stdout goes, interleaved as written. */
    public Command withStderrMerged() {
        return new Command(argv, directory, changes, clearedEnvironment, stdin, stdout, null,
                grace, scope);
    }

    /**
     * Returns a copy whose termination waits {@code grace} (on the loop's clock) between
     * SIGTERM and SIGKILL; zero kills at once.
     *
     * @throws IllegalArgumentException if the grace is negative
     */
    public Command withTerminationGrace(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("termination grace must not be negative: "
                    + grace);
        }
        return new Command(argv, directory, changes, clearedEnvironment, stdin, stdout, stderr,
                grace, scope);
    }

    /** Returns a copy whose termination reaches {@code scope}. */
    public Command withTerminationScope(TerminationScope scope) {
        return new Command(argv, directory, changes, clearedEnvironment, stdin, stdout, stderr,
                grace, Objects.requireNonNull(scope, "scope"));
    }

    /**
     * Starts the program. From a task, the start itself (a fork, which takes a while in a big
     * JVM) runs on a small pool of spawner threads while the task parks. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws IOException if the program cannot be started; the message names it
     */
    public Subprocess start() throws IOException {
        return Subprocess.start(this);
    }

    /**
     * Runs the program to its end, capturing its stdout and stderr, with nothing on its stdin:
     * Trio's {@code run_process}. A cancellation or timeout while it runs terminates it. This
     * is a {@linkplain dev.weft cancellation point}.
     *
     * @throws IOException if the program cannot be started
     */
    public CompletedProcess run() throws IOException {
        return run(null);
    }

    /**
     * Runs the program to its end with {@code input} on its stdin (null for none), capturing
     * its stdout and stderr; see {@link #run()}.
     *
     * @throws IOException if the program cannot be started
     */
    public CompletedProcess run(byte[] input) throws IOException {
        try (Subprocess process = start()) {
            return process.communicate(input);
        }
    }

    /** Builds the JDK's description of the process. */
    ProcessBuilder processBuilder() {
        var builder = new ProcessBuilder(argv);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        if (clearedEnvironment || !changes.isEmpty()) {   // a copy only when it changes
            Map<String, String> environment = builder.environment();
            if (clearedEnvironment) {
                environment.clear();
            }
            changes.forEach((name, value) -> {
                if (value == null) {
                    environment.remove(name);
                } else {
                    environment.put(name, value);
                }
            });
        }
        builder.redirectInput(stdin);
        builder.redirectOutput(stdout);
        if (stderr == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(stderr);
        }
        return builder;
    }

    Duration grace() {
        return grace;
    }

    TerminationScope scope() {
        return scope;
    }

    @Override
    public String toString() {
        return "Command" + argv;
    }
}
