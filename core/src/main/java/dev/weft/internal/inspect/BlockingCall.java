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

package dev.weft.internal.inspect;

/**
 * Names the kind of blocking call a held loop's stack shows, for the watchdog's report and the
 * blocking report: file I/O, a process's pipe, a file lock, DNS. Each kind has a way out that
 * parks the task instead of holding the loop's thread.
 */
final class BlockingCall {
    private BlockingCall() {}

    /** A kind of blocking call, how its frames look, and what to use instead. */
    private enum Kind {
        PROCESS_PIPE("a process's pipe", "use dev.weft.process.Subprocess, whose pipes never "
                + "hold the loop", "java.lang.ProcessImpl", "java.lang.ProcessBuilder"),
        FILE_LOCK("a file lock", "use dev.weft.process.FileLocks",
                "sun.nio.ch.FileChannelImpl.lock", "sun.nio.ch.FileDispatcherImpl.lock"),
        FILE_IO("file I/O", "use dev.weft.process.TaskFiles, or Offload.call", "java.io.File",
                "java.io.RandomAccessFile", "sun.nio.ch.FileChannelImpl",
                "sun.nio.ch.FileDispatcherImpl", "sun.nio.fs.", "java.nio.file.Files"),
        DNS("a DNS look-up", "use Offload.call (TcpConnection.connect already does)",
                "java.net.InetAddress", "java.net.Inet4AddressImpl", "java.net.Inet6AddressImpl");

        final String name;
        final String remedy;
        final String[] framePrefixes;

        Kind(String name, String remedy, String... framePrefixes) {
            this.name = name;
            this.remedy = remedy;
            this.framePrefixes = framePrefixes;
        }

        boolean matches(StackTraceElement frame) {
            String where = frame.getClassName() + "." + frame.getMethodName();
            for (String prefix : framePrefixes) {
                if (where.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** How many frames from the top are looked at: the blocking call is near the top. */
    private static final int DEPTH = 12;

    /**
     * Returns the kind of blocking call at the top of {@code stack} and what to use instead,
     * such as {@code "file I/O (use dev.weft.process.TaskFiles, or Offload.call)"}, or null
     * when it is none Weft knows.
     */
    static String describe(StackTraceElement[] stack) {
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < Math.min(DEPTH, stack.length); i++) {
                if (kind.matches(stack[i])) {
                    return kind.name + " (" + kind.remedy + ")";
                }
            }
        }
        return null;
    }
}
