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

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WordWrapTest {

    @Test
    void aShortTextIsOneLine() {
        assertThat(WordWrap.lines("start", 20)).containsExactly("start");
    }

    @Test
    void aLongTextBreaksAtSpacesWithinTheWidth() {
        String text = "task \"alex\" waits on Lock \"fork\" held by task \"wusir\"";
        assertThat(WordWrap.lines(text, 20)).containsExactly("task \"alex\" waits on",
                "Lock \"fork\" held by", "task \"wusir\"");
    }

    @Test
    void aStackFrameTooLongForALineBreaksBeforeItsParenthesis() {
        String text = "held at dev.weft.examples.SeeingInside.parse(SeeingInside.java:77)";
        assertThat(WordWrap.lines(text, 40)).containsExactly("held at",
                "dev.weft.examples.SeeingInside.parse", "(SeeingInside.java:77)");
    }

    @Test
    void aLongWordWithoutBreaksStaysWhole() {
        assertThat(WordWrap.lines("see https://example.org/a-long-path", 10))
                .containsExactly("see", "https://example.org/a-long-path");
    }

    @Test
    void lineBreaksAndIndentationInTheTextAreKept() {
        assertThat(WordWrap.lines("deadlock:\n  task \"a\" waits on b", 14))
                .containsExactly("deadlock:", "  task \"a\"", "  waits on b");
    }

    @Test
    void printedLinesAfterTheFirstAreIndentedUnderTheText() {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        WordWrap.print(out, "  12 ms  [weft-1]  ", "word ".repeat(20).strip());
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "  12 ms  [weft-1]  word word word word word word word word word word word word",
                "                   word word word word word word word word");
    }
}
