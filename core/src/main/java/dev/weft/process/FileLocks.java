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

import dev.weft.Weft;
import dev.weft.sync.Lock;
import dev.weft.sync.Semaphore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks on files, between processes and between the tasks of this JVM, taken by parking, never
 * by blocking the loop's thread: the seed's {@code multiprocessing.Lock}, for "processes working
 * on one file are also unsafe". An exclusive lock excludes every other holder; shared locks
 * exclude only exclusive ones. Between processes they are the operating system's advisory
 * locks ({@code fcntl} on Linux), so they bind only programs that take them too.
 *
 * {@snippet :
 * try (LockedFile held = FileLocks.lock(Path.of("counter.txt"))) {
 *     String text = held.readString();                 // nobody else writes meanwhile
 *     int n = text.isBlank() ? 0 : Integer.parseInt(text.strip());
 *     held.writeString(String.valueOf(n + 1));
 * }
 * }
 *
 * <p><b>Waiting:</b> locking is a {@linkplain dev.weft cancellation point} and follows
 * {@code Weft.timeout}. Within this JVM, waiters are served in arrival order (an exclusive
 * waiter holds back the shared ones behind it); against another process, the lock is tried
 * again with a growing pause (1 ms to 50 ms, real time) until it is free.
 *
 * <p><b>Pitfalls:</b> a task that asks for a lock on a file it already holds waits for itself
 * (file locks are not reentrant). A lock is held by this JVM for the task that took it; the operating
 * system releases it if the JVM dies. Closing any other channel this JVM has open on the same
 * file also releases the operating system's lock (a rule of {@code fcntl}), so read and write the
 * file through {@link LockedFile#channel()} or through {@code Files} calls that open and close
 * their own channel only while no other code of the JVM holds one open.
 */
public final class FileLocks {
    /* How it works: per file (its absolute, normalised path), a fair Weft Semaphore with
     * ALL permits orders this JVM's holders: an exclusive holder takes them all, a shared one
     * takes one. The operating system's lock is taken once per JVM: by the exclusive holder, or
     * by the first of the shared ones (under `guard`) and released by the last. A contended
     * FileChannel.lock() would block the carrier, so tryLock() is retried with pauses, in which
     * Thread.sleep parks a task without holding its loop. */

    private static final int ALL = Integer.MAX_VALUE;
    private static final long FIRST_PAUSE_MILLIS = 1;
    private static final long LONGEST_PAUSE_MILLIS = 50;
    private static final Map<Path, PathState> STATES = new ConcurrentHashMap<>();

    private FileLocks() {}

    /**
     * Takes an exclusive lock on {@code path}, creating the file if it does not exist, waiting
     * while anyone else (in this JVM or another process) holds a lock on it. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws IOException if the file cannot be opened or locked
     */
    public static LockedFile lock(Path path) throws IOException {
        PathState state = stateOf(path);
        state.permits.acquire(ALL);
        try {
            state.exclusive = openAndLock(state.path, false);
            return new LockedFile(state, false);
        } catch (Throwable failed) {   // cancelled or failed while waiting for the other process
            state.permits.release(ALL);
            throw failed;
        }
    }

    /**
     * Takes a shared lock on {@code path}, creating the file if it does not exist, waiting
     * while anyone holds an exclusive lock on it. This is a
     * {@linkplain dev.weft cancellation point}.
     *
     * @throws IOException if the file cannot be opened or locked
     */
    public static LockedFile lockShared(Path path) throws IOException {
        PathState state = stateOf(path);
        state.permits.acquire(1);
        try {
            state.guard.lock();
            try {
                if (state.sharedHolders == 0) {
                    state.shared = openAndLock(state.path, true);
                }
                state.sharedHolders++;
            } finally {
                state.guard.unlock();
            }
            return new LockedFile(state, true);
        } catch (Throwable failed) {
            state.permits.release(1);
            throw failed;
        }
    }

    /**
     * Releases a lock taken here; called by {@link LockedFile#close()}. Shielded in a task: a
     * release that a cancellation cut short would keep the file locked for good.
     */
    static void release(PathState state, boolean shared) throws IOException {
        if (Weft.inTask()) {
            Weft.shield(() -> {
                releaseNow(state, shared);
                return null;
            });
        } else {
            releaseNow(state, shared);
        }
    }

    private static void releaseNow(PathState state, boolean shared) throws IOException {
        if (!shared) {
            try {
                closeLock(state.exclusive);
            } finally {
                state.exclusive = null;
                state.permits.release(ALL);
            }
            return;
        }
        state.guard.lock();
        try {
            if (--state.sharedHolders == 0) {
                FileLock last = state.shared;
                state.shared = null;
                closeLock(last);
            }
        } finally {
            state.guard.unlock();
            state.permits.release(1);
        }
    }

    /**
     * The state of the file {@code path} names, keyed by its real path (created first if need
     * be), so that two spellings of one file (a link, a relative path) share one lock.
     */
    private static PathState stateOf(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        // On the caller's thread, unlike the file's content: two quick metadata calls, and
        // offloading them would let a later caller overtake an earlier one in the queue.
        try {
            Files.createFile(path);
        } catch (FileAlreadyExistsException exists) {
            // the usual case: the file is there to be locked
        }
        return STATES.computeIfAbsent(path.toRealPath(), PathState::new);
    }

    /** Opens the file and takes the operating system's lock, pausing while another holds it. */
    private static FileLock openAndLock(Path path, boolean shared) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long pause = FIRST_PAUSE_MILLIS;
            while (true) {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
                if (lock != null) {
                    return lock;
                }
                try {
                    Thread.sleep(pause);   // in a task: parks it, the loop runs the others
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();   // a cancel's interrupt, kept
                    throw new CancellationException("cancelled while waiting to lock " + path
                            + ", which another process holds");
                }
                pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
            }
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    private static void closeLock(FileLock lock) throws IOException {
        if (lock != null) {
            try (FileChannel channel = lock.channel()) {
                lock.release();
            }
        }
    }

    /** What this JVM knows of one file's locks. */
    static final class PathState {
        final Path path;
        final Semaphore permits = new Semaphore(ALL);
        final Lock guard = new Lock("shared locks of a file");
        int sharedHolders;      // guarded by guard
        FileLock shared;        // guarded by guard: the OS lock of the shared holders
        FileLock exclusive;     // the exclusive holder's

        PathState(Path path) {
            this.path = path;
        }
    }
}
