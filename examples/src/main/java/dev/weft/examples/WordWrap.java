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
import java.util.ArrayList;
import java.util.List;

/**
 * Prints text in 80 columns, broken at spaces, each line after the first indented to where the
 * text began: the demo's reports (deadlocks, the watchdog) are longer than a terminal line.
 */
final class WordWrap {
    /** The width of a terminal that nobody has resized. */
    static final int COLUMNS = 80;

    private WordWrap() {}

    /**
     * Prints {@code prefix} and then {@code text}, wrapped under its first character, in one call
     * so that lines said at once by two threads do not interleave.
     */
    static void print(PrintStream out, String prefix, String text) {
        String indent = " ".repeat(prefix.length());
        var block = new StringBuilder();
        for (String line : lines(text, COLUMNS - prefix.length())) {
            block.append(block.isEmpty() ? prefix : indent).append(line)
                    .append(System.lineSeparator());
        }
        out.print(block);
    }

    /**
     * Returns {@code text} as lines of at most {@code width} characters, broken at spaces. A word
     * longer than that (a stack frame) is broken before its parenthesis or after a dot, or left
     * whole if it has neither where it would fit. The text's own line breaks are kept, and so is
     * each line's leading indentation.
     */
    static List<String> lines(String text, int width) {
        var lines = new ArrayList<String>();
        for (String paragraph : text.split("\n", -1)) {
            String indent = paragraph.substring(0, paragraph.length() - paragraph.stripLeading()
                    .length());
            var line = new StringBuilder(indent);
            for (String word : words(paragraph.strip(), width - indent.length())) {
                if (line.length() > indent.length()
                        && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(indent);
                }
                if (line.length() > indent.length()) {
                    line.append(' ');
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * The words of {@code text}; one longer than {@code width} is split as a stack frame reads
     * best: before its parenthesis, else after a dot.
     */
    private static List<String> words(String text, int width) {
        var words = new ArrayList<String>();
        for (String word : text.split(" +")) {
            while (word.length() > width) {
                int cut = word.lastIndexOf('(', width);
                if (cut <= 0) {
                    cut = word.lastIndexOf('.', width - 1) + 1;
                }
                if (cut <= 0) {
                    break;
                }
                words.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            words.add(word);
        }
        return words;
    }
}
