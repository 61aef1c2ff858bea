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

package dev.weft.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What an example says, line by line, with the time since it started and the thread that said
 * it; printed as it happens and kept for the tests.
 */
public final class Transcript {

    /**
     * One line of an example.
     *
     * @param millis time since the example started
     * @param text what was said
     * @param thread the platform thread that ran the code (a task's loop carrier)
     */
    public record Line(long millis, String text, String thread) {}

    private final long start = System.nanoTime();
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final PrintStream out;

    /** Creates a transcript that prints to {@code out}, or prints nothing if it is null. */
    public Transcript(PrintStream out) {
        this.out = out;
    }

    /** Records one line and prints it, wrapped to 80 columns if it is longer. */
    public void say(String text) {
        var line = new Line((System.nanoTime() - start) / 1_000_000, text, carrierName());
        lines.add(line);
        if (out != null) {
            WordWrap.print(out, String.format("  %5d ms  [%s]  ", line.millis(), line.thread()),
                    text);
        }
    }

    /** Returns the lines said so far. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Returns the texts said so far, in order. */
    public List<String> texts() {
        return lines.stream().map(Line::text).toList();
    }

    /** Returns the milliseconds since the example started. */
    public long elapsedMillis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String carrierName() {
        Thread current = Thread.currentThread();
        if (!current.isVirtual()) {
            return current.getName();
        }
        // A mounted virtual thread prints as "VirtualThread[#n]/runnable@<carrier name>".
        String text = current.toString();
        return text.substring(text.lastIndexOf('@') + 1);
    }
}
