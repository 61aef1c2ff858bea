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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's resident memory from {@code /proc/self/status} (Linux). */
final class ProcessMemory {
    private ProcessMemory() {}

    /** Returns the current resident set size in KiB, or -1 where /proc is missing. */
    static long residentKib() {
        return field("VmRSS:");
    }

    /** Returns the peak resident set size in KiB, or -1 where /proc is missing. */
    static long peakResidentKib() {
        return field("VmHWM:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;   // not Linux, or an unexpected format: the figure is reported as missing
        }
        return -1;
    }

    /** Returns the heap in use after two full collections, in bytes. */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }
}
