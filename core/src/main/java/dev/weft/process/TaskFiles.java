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
import dev.weft.exec.Offload;
import dev.weft.net.PipeReader;
import dev.weft.net.PipeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/**
 * The everyday {@link Files} calls for tasks, each run on the loop's worker pool
 * ({@link Offload}) while the task parks: file I/O blocks the thread that does it, and on a loop
 * that thread is every task's. From a plain thread they simply call {@link Files}.
 *
 * {@snippet :
 * String config = TaskFiles.readString(Path.of("app.conf"));      // the loop runs on meanwhile
 * TaskFiles.writeString(Path.of("out.txt"), report);
 * try (PipeReader log = TaskFiles.open(Path.of("big.log"))) {      // streamed, a chunk ahead
 *     for (String line; (line = log.readLine()) != null; ) {
 *         handle(line);
 *     }
 * }
 * }
 *
 * <p>Each call is a {@linkplain dev.weft cancellation point}; a cancelled call may still
 * complete on its worker (a write may be done), as with any offloaded call. The watchdog names
 * file I/O done on a loop's thread directly, and points here.
 */
public final class TaskFiles {
    private TaskFiles() {}

    /** {@link Files#readString(Path)}, off the loop. */
    public static String readString(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return offload(() -> Files.readString(path));
    }

    /** {@link Files#readAllBytes(Path)}, off the loop. */
    public static byte[] readAllBytes(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return offload(() -> Files.readAllBytes(path));
    }

    /** {@link Files#readAllLines(Path)} in UTF-8, off the loop. */
    public static List<String> readAllLines(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return offload(() -> Files.readAllLines(path, StandardCharsets.UTF_8));
    }

    /** {@link Files#writeString(Path, CharSequence, OpenOption...)} in UTF-8, off the loop. */
    public static Path writeString(Path path, CharSequence text, OpenOption... options)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        return offload(() -> Files.writeString(path, text, options));
    }

    /** {@link Files#write(Path, byte[], OpenOption...)}, off the loop. */
    public static Path write(Path path, byte[] bytes, OpenOption... options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bytes, "bytes");
        return offload(() -> Files.write(path, bytes, options));
    }

    /** {@link Files#copy(Path, Path, CopyOption...)}, off the loop. */
    public static Path copy(Path source, Path target, CopyOption... options) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        return offload(() -> Files.copy(source, target, options));
    }

    /** {@link Files#move(Path, Path, CopyOption...)}, off the loop. */
    public static Path move(Path source, Path target, CopyOption... options) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        return offload(() -> Files.move(source, target, options));
    }

    /** {@link Files#deleteIfExists(Path)}, off the loop. */
    public static boolean deleteIfExists(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return offload(() -> Files.deleteIfExists(path));
    }

    /**
     * Opens {@code path} for streamed reading with the {@link dev.weft.net.StreamReader} verbs;
     * a pump thread reads a few chunks ahead.
     */
    public static PipeReader open(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return PipeReader.of(shielded(() -> Files.newInputStream(path)), path.toString());
    }

    /**
     * Opens {@code path} for streamed writing (by default created or truncated); a pump thread
     * writes, a few chunks behind.
     */
    public static PipeWriter create(Path path, OpenOption... options) throws IOException {
        Objects.requireNonNull(path, "path");
        return PipeWriter.of(shielded(() -> Files.newOutputStream(path, options)),
                path.toString());
    }

    /** Opens a stream off the loop, shielded: a stream opened for a cancelled caller would leak. */
    private static <T> T shielded(Callable<T> open) throws IOException {
        return Weft.inTask() ? Weft.shield(() -> offload(open)) : offload(open);
    }

    /** Runs {@code call} on the loop's worker pool from a task, or here from a plain thread. */
    static <T> T offload(Callable<T> call) throws IOException {
        if (!Weft.inTask()) {
            try {
                return call.call();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        try {
            return Offload.call(call);
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }
}
