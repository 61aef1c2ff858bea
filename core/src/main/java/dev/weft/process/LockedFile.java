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
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A lock on a file taken by {@link FileLocks}; closing it releases the lock. Meant for
 * try-with-resources in the task that took it.
 */
public final class LockedFile implements AutoCloseable {
    private final FileLocks.PathState state;
    private final boolean shared;
    private boolean released;   // the holder only

    LockedFile(FileLocks.PathState state, boolean shared) {
        this.state = state;
        this.shared = shared;
    }

    /** Returns the locked file's absolute path. */
    public Path path() {
        return state.path;
    }

    /** Returns whether the lock is shared rather than exclusive. */
    public boolean isShared() {
        return shared;
    }

    /**
     * Returns the channel that holds the operating system's lock, open for reading and writing:
     * the safe way to use the file while it is locked (see the pitfalls of {@link FileLocks}).
     * File I/O on it blocks the calling thread: from a task, offload it.
     *
     * @throws IllegalStateException if the lock was released
     */
    public FileChannel channel() {
        if (released) {
            throw new IllegalStateException("the lock on " + state.path + " was released");
        }
        return (shared ? state.shared : state.exclusive).channel();
    }

    /**
     * Reads the whole file as UTF-8 through the locked channel, on the loop's worker pool when
     * called from a task. This is a {@linkplain dev.weft cancellation point}.
     */
    public String readString() throws IOException {
        FileChannel channel = channel();
        return TaskFiles.offload(() -> readAll(channel));
    }

    private static String readAll(FileChannel channel) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        var buffer = java.nio.ByteBuffer.allocate(8192);
        long position = 0;
        int count;
        while ((count = channel.read(buffer, position)) > 0) {
            bytes.write(buffer.array(), 0, count);
            position += count;
            buffer.clear();
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Replaces the file's content with {@code text} in UTF-8, through the locked channel, and
     * forces it to the disk; on the loop's worker pool when called from a task. This is a
     * {@linkplain dev.weft cancellation point}.
     */
    public void writeString(String text) throws IOException {
        FileChannel channel = channel();
        TaskFiles.offload(() -> {
            replaceAll(channel, text);
            return null;
        });
    }

    private static void replaceAll(FileChannel channel, String text) throws IOException {
        var buffer = java.nio.ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        channel.truncate(0);
        long position = 0;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(false);
    }

    /** Releases the lock; a second call does nothing. */
    @Override
    public void close() throws IOException {
        if (!released) {
            released = true;
            FileLocks.release(state, shared);
        }
    }

    @Override
    public String toString() {
        return "LockedFile[" + state.path + (shared ? ", shared" : ", exclusive")
                + (released ? ", released" : "") + "]";
    }
}
