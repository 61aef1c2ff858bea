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

package dev.weft.bench;

import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.exec.TaskPool;
import dev.weft.process.Command;
import dev.weft.process.Subprocess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * W7: child processes. Start-and-wait many {@code /bin/true} with a bound on how many are in
 * flight, and stream bytes through {@code cat}: through Weft's {@code Subprocess} on one loop
 * (with a 1 ms ticker on the same loop, whose lateness tells whether the loop was ever held), and
 * through {@code ProcessBuilder} on JDK virtual threads and on platform threads.
 */
public final class ProcessWorkloads {
    private static final int CHUNK = 64 * 1024;

    private ProcessWorkloads() {}

    /** How a process workload is run. */
    public enum Variant {
        /** Weft's Subprocess, one loop. */
        WEFT,
        /** ProcessBuilder on JDK virtual threads. */
        VIRTUAL_THREADS,
        /** ProcessBuilder on platform threads. */
        PLATFORM_THREADS,
        /**
         * ProcessBuilder on platform threads, with each pipe served by a pump thread that hands
         * chunks to and from the thread using it through a queue of four, as Weft's pipes are:
         * the floor of any design where a thread blocks in the pipe for someone else.
         */
        PUMPED_THREADS;

        static Variant parse(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** What one run measured: its wall time, and the ticker's p99 lateness (Weft only). */
    public record Figures(long wallNanos, long latenessP99Nanos) {}

    /** Starts {@code n} {@code /bin/true} processes, at most {@code inFlight} at once, waiting for each. */
    public static Figures spawn(Variant variant, int n, int inFlight) throws Exception {
        return switch (variant) {
            case WEFT -> withTicker(() -> {
                var pool = new TaskPool(inFlight);
                var tasks = new ArrayList<Task<Integer>>(n);
                for (int i = 0; i < n; i++) {
                    tasks.add(pool.spawn(() -> {   // waits while 50 are in flight
                        try (Subprocess child = trueCommand().start()) {
                            return child.waitFor();
                        }
                    }));
                }
                for (Task<Integer> task : tasks) {
                    requireZero(task.result());
                }
            });
            case VIRTUAL_THREADS -> timed(() -> spawnOnThreads(
                    Executors.newVirtualThreadPerTaskExecutor(), n, inFlight));
            case PLATFORM_THREADS, PUMPED_THREADS -> timed(() -> spawnOnThreads(
                    Executors.newFixedThreadPool(inFlight), n, inFlight));
        };
    }

    /** Streams {@code bytes} through {@code cat}, writing and reading at once. */
    public static Figures cat(Variant variant, long bytes) throws Exception {
        return switch (variant) {
            case WEFT -> withTicker(() -> {
                try (Subprocess cat = Command.of("cat").withStderr(Redirect.DISCARD).start()) {
                    Task<Void> writer = Weft.spawn(() -> {
                        byte[] chunk = new byte[CHUNK];
                        for (long sent = 0; sent < bytes; sent += CHUNK) {
                            cat.stdin().write(chunk, 0, (int) Math.min(CHUNK, bytes - sent));
                        }
                        cat.stdin().close();
                    });
                    byte[] buffer = new byte[CHUNK];
                    long received = 0;
                    for (int got; (got = cat.stdout().read(buffer, 0, buffer.length)) > 0; ) {
                        received += got;
                    }
                    writer.result();
                    requireZero(cat.waitFor());
                    requireAll(received, bytes);
                }
            });
            case VIRTUAL_THREADS -> timed(() -> catOnThreads(
                    Executors.newVirtualThreadPerTaskExecutor(), bytes));
            case PLATFORM_THREADS -> timed(() -> catOnThreads(
                    Executors.newFixedThreadPool(2), bytes));
            case PUMPED_THREADS -> timed(() -> catThroughPumps(bytes));
        };
    }

    private static Command trueCommand() {
        return Command.of("/bin/true").withStdin(Redirect.INHERIT).withStdout(Redirect.DISCARD)
                .withStderr(Redirect.DISCARD);
    }

    private static void spawnOnThreads(ExecutorService threads, int n, int inFlight)
            throws Exception {
        var slots = new Semaphore(inFlight);
        try (threads) {
            var runs = new ArrayList<Future<Integer>>(n);
            for (int i = 0; i < n; i++) {
                slots.acquire();
                runs.add(threads.submit(() -> {
                    try {
                        return new ProcessBuilder("/bin/true").redirectInput(Redirect.INHERIT)
                                .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD)
                                .start().waitFor();
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<Integer> run : runs) {
                requireZero(run.get());
            }
        }
    }

    private static void catOnThreads(ExecutorService threads, long bytes) throws Exception {
        Process cat = new ProcessBuilder("cat").redirectError(Redirect.DISCARD).start();
        try (threads) {
            Future<?> writer = threads.submit(() -> {
                try (OutputStream in = cat.getOutputStream()) {
                    byte[] chunk = new byte[CHUNK];
                    for (long sent = 0; sent < bytes; sent += CHUNK) {
                        in.write(chunk, 0, (int) Math.min(CHUNK, bytes - sent));
                    }
                }
                return null;
            });
            Future<Long> reader = threads.submit(() -> {
                long received = 0;
                byte[] buffer = new byte[CHUNK];
                try (InputStream out = cat.getInputStream()) {
                    for (int got; (got = out.read(buffer)) > 0; ) {
                        received += got;
                    }
                }
                return received;
            });
            writer.get();
            requireAll(reader.get(), bytes);
            requireZero(cat.waitFor());
        }
    }

    /**
     * cat with a hand-over on each side: the writing thread queues chunks for a pump that
     * writes them to stdin; a pump reads stdout and queues chunks for the reading thread.
     */
    private static void catThroughPumps(long bytes) throws Exception {
        Process cat = new ProcessBuilder("cat").redirectError(Redirect.DISCARD).start();
        byte[] end = new byte[0];
        var toStdin = new java.util.concurrent.ArrayBlockingQueue<byte[]>(4);
        var fromStdout = new java.util.concurrent.ArrayBlockingQueue<byte[]>(4);
        try (var threads = Executors.newFixedThreadPool(4)) {
            Future<?> writer = threads.submit(() -> {
                byte[] chunk = new byte[CHUNK];
                for (long sent = 0; sent < bytes; sent += CHUNK) {
                    toStdin.put(java.util.Arrays.copyOf(chunk, (int) Math.min(CHUNK,
                            bytes - sent)));
                }
                toStdin.put(end);
                return null;
            });
            Future<?> stdinPump = threads.submit(() -> {
                try (OutputStream in = cat.getOutputStream()) {
                    for (byte[] chunk; (chunk = toStdin.take()) != end; ) {
                        in.write(chunk);
                    }
                }
                return null;
            });
            Future<?> stdoutPump = threads.submit(() -> {
                byte[] buffer = new byte[CHUNK];
                try (InputStream out = cat.getInputStream()) {
                    for (int got; (got = out.read(buffer)) > 0; ) {
                        fromStdout.put(java.util.Arrays.copyOf(buffer, got));
                    }
                }
                fromStdout.put(end);
                return null;
            });
            long received = 0;
            for (byte[] chunk; (chunk = fromStdout.take()) != end; ) {
                received += chunk.length;
            }
            writer.get();
            stdinPump.get();
            stdoutPump.get();
            requireAll(received, bytes);
            requireZero(cat.waitFor());
        }
    }

    /** Runs {@code work} in a Weft task beside a 1 ms ticker on the same loop. */
    private static Figures withTicker(dev.weft.Action work) {
        return Weft.run(() -> {
            var ticker = LatenessTicker.start();
            long start = System.nanoTime();
            work.run();
            long wall = System.nanoTime() - start;
            return new Figures(wall, ticker.stopAndP99());
        });
    }

    private static Figures timed(ThrowingRun work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return new Figures(System.nanoTime() - start, 0);
    }

    private static void requireZero(int exitCode) {
        if (exitCode != 0) {
            throw new IllegalStateException("a child exited with " + exitCode);
        }
    }

    private static void requireAll(long received, long sent) throws IOException {
        if (received != sent) {
            throw new IOException("cat gave back " + received + " of " + sent + " bytes");
        }
    }

    /** A body that may throw. */
    @FunctionalInterface
    private interface ThrowingRun {
        void run() throws Exception;
    }
}
