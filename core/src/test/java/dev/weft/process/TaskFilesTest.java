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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Weft;
import dev.weft.net.PipeReader;
import dev.weft.net.PipeWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFilesTest {

    @Test
    void filesAreReadAndWrittenFromTasks(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("notes.txt");
        List<String> lines = Weft.run(() -> {
            TaskFiles.writeString(file, "one\ntwo\n");
            TaskFiles.writeString(file, "three\n", StandardOpenOption.APPEND);
            assertThat(TaskFiles.readString(file)).isEqualTo("one\ntwo\nthree\n");
            assertThat(TaskFiles.readAllBytes(file)).hasSize(14);
            Path copy = TaskFiles.copy(file, dir.resolve("copy.txt"));
            assertThat(TaskFiles.deleteIfExists(copy)).isTrue();
            return TaskFiles.readAllLines(file);
        });
        assertThat(lines).containsExactly("one", "two", "three");
    }

    @Test
    void aMissingFileFailsWithTheJdksException(@TempDir Path dir) {
        assertThatThrownBy(() -> Weft.run(() -> TaskFiles.readString(dir.resolve("absent"))))
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void bigFilesStreamThroughPipeReadersAndWriters(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.log");
        int lines = 100_000;
        List<String> ends = Weft.run(() -> {
            try (PipeWriter out = TaskFiles.create(file)) {
                for (int i = 0; i < lines; i++) {
                    out.write("line " + i + "\n");
                }
                out.close();
            }
            var seen = new ArrayList<String>();
            int count = 0;
            String last = null;
            try (PipeReader in = TaskFiles.open(file)) {
                for (String line; (line = in.readLine()) != null; ) {
                    count++;
                    last = line;
                }
            }
            seen.add(String.valueOf(count));
            seen.add(last);
            return seen;
        });
        assertThat(ends).containsExactly(String.valueOf(lines), "line " + (lines - 1));
    }
}
