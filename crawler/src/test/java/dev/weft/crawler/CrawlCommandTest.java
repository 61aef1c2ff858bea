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
package dev.weft.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./weft crawl} end to end: the demo site over real sockets, a stop and a resume. */
class CrawlCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEMO_RECORDS = DemoSite.reachablePaths().size() + 1;

    @TempDir
    Path temporary;

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = CrawlCommand.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    private static List<Map<?, ?>> records(Path file) throws IOException {
        var records = new ArrayList<Map<?, ?>>();
        for (String line : Files.readAllLines(file)) {
            records.add(JSON.readValue(line, Map.class));
        }
        return records;
    }

    @Test
    void theDemoCrawlRecordsEveryPageOfTheSiteAsJsonLines() throws IOException {
        Path output = temporary.resolve("pages.jsonl");
        Run run = run("--quiet", "--ignore-robots", "--delay", "1ms", "-o", output.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("serving the demo site on http://127.0.0.1:")
                .contains("crawled " + DEMO_RECORDS + " pages").contains("fetch time p50");
        List<Map<?, ?>> records = records(output);
        assertThat(records).hasSize(DEMO_RECORDS);
        assertThat(records).extracting(record -> record.get("url")).doesNotHaveDuplicates();
        assertThat(records).filteredOn(record -> record.get("url").toString()
                .endsWith("/flaky/1")).singleElement().satisfies(record -> {
                    assertThat(record.get("status")).isEqualTo(200);
                    assertThat(record.get("attempts")).isEqualTo(2);
                });
    }

    @Test
    void aCrawlStoppedByItsTimeLimitGoesOnWithResumeAndRecordsEachPageOnce() throws IOException {
        Path output = temporary.resolve("pages.jsonl");
        Path state = temporary.resolve("state");
        Run first = run("--quiet", "--ignore-robots", "--delay", "5ms", "--max-time", "300ms",
                "--state", state.toString(), "-o", output.toString());
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.err()).contains("go on with --resume " + state);
        int firstCount = records(output).size();
        Run again = run("--quiet", "--state", state.toString());
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err()).contains("holds a saved crawl already; go on with it with "
                + "--resume " + state);
        assertThat(firstCount).isLessThan(DEMO_RECORDS);

        assertThat(Files.readAllLines(state.resolve("settings.txt")))
                .contains("--delay=5.0ms", "--ignore-robots=true");

        // --ignore-robots comes from the saved settings; --delay is given anew and wins.
        Run second = run("--quiet", "--delay", "1ms", "--resume", state.toString(), "-o",
                output.toString());
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.err()).doesNotContain("--resume");
        List<Map<?, ?>> records = records(output);
        assertThat(records).hasSize(DEMO_RECORDS);
        assertThat(records).extracting(record -> record.get("url")).doesNotHaveDuplicates();
        assertThat(records).filteredOn(record -> record.get("url").toString()
                .endsWith("/private/secret")).singleElement()
                .satisfies(record -> assertThat(record.get("status")).isEqualTo(200));
        assertThat(Files.readAllLines(state.resolve("settings.txt"))).contains("--delay=1.0ms");
    }

    @Test
    void aSignalStopsTheCrawlGracefullyAndSavesItForResume() throws Exception {
        Path state = temporary.resolve("signalled");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(),
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), CrawlCommand.class.getName(),
                "--quiet", "--ignore-robots", "--delay", "20ms", "--state", state.toString())
                .start();
        var stdout = new java.io.BufferedReader(new java.io.InputStreamReader(
                child.getInputStream(), StandardCharsets.UTF_8));
        var firstLines = new ArrayList<String>();
        while (firstLines.size() < 20) {
            String line = stdout.readLine();
            assertThat(line).as("the crawl ended before its 20th page").isNotNull();
            firstLines.add(line);
        }
        // SIGTERM, which runs the shutdown hook as Ctrl-C's SIGINT does; the handle's destroy
        // leaves the streams open, Process.destroy would close them.
        child.toHandle().destroy();
        List<String> rest = stdout.lines().toList();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(err).isIn(0, 143);
        assertThat(err).contains("stopped with").contains("go on with --resume " + state);
        int recorded = firstLines.size() + rest.size();
        assertThat(recorded).isLessThan(DEMO_RECORDS);

        Path output = temporary.resolve("after-signal.jsonl");
        Run resumed = run("--quiet", "--ignore-robots", "--delay", "1ms", "--resume",
                state.toString(), "-o", output.toString());
        assertThat(resumed.status()).as(resumed.err()).isZero();
        var urls = new ArrayList<Object>();
        for (String line : firstLines) {
            urls.add(JSON.readValue(line, Map.class).get("url"));
        }
        for (String line : rest) {
            urls.add(JSON.readValue(line, Map.class).get("url"));
        }
        records(output).forEach(record -> urls.add(record.get("url")));
        assertThat(urls).hasSize(DEMO_RECORDS).doesNotHaveDuplicates();
    }

    @Test
    void pagesGoToStandardOutputWithoutAnOutputFile() {
        Run run = run("--quiet", "--ignore-robots", "--delay", "1ms", "--max-pages", "5");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(5).allSatisfy(line ->
                assertThat(line).startsWith("{\"url\":\"http://127.0.0.1:"));
        assertThat(run.err()).contains("stopped with").contains("run with --state DIR");
    }

    @Test
    void misuseIsRefusedWithAMessageThatSaysWhatToDo() {
        Run badDuration = run("--delay", "soon");
        assertThat(badDuration.status()).isEqualTo(2);
        assertThat(badDuration.err()).contains("'soon' is not a duration");

        Run both = run("--resume", temporary.toString(), "http://example.com/");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("leave out http://example.com/");

        Run nothingSaved = run("--resume", temporary.toString());
        assertThat(nothingSaved.status()).isEqualTo(2);
        assertThat(nothingSaved.err()).contains("holds no saved crawl; start one with --state");

        Run badSeed = run("ftp://example.com/");
        assertThat(badSeed.status()).isEqualTo(2);
        assertThat(badSeed.err()).contains("not an absolute http or https URL")
                .doesNotContain("Exception");

        Run unwritable = run("--quiet", "-o", temporary.resolve("no/such/dir/pages.jsonl")
                .toString());
        assertThat(unwritable.status()).isEqualTo(1);
        assertThat(unwritable.err()).contains("crawl: ").contains("pages.jsonl")
                .doesNotContain("\tat ");

        Run twoDirectories = run("--state", "a", "--resume", "b");
        assertThat(twoDirectories.status()).isEqualTo(2);
        assertThat(twoDirectories.err()).contains("leave out --state a");

        Run badLimit = run("--per-host", "0");
        assertThat(badLimit.status()).isEqualTo(2);
        assertThat(badLimit.err()).contains("--per-host must be at least 1");

        Run badTimeout = run("--timeout", "0s");
        assertThat(badTimeout.status()).isEqualTo(2);
        assertThat(badTimeout.err()).contains("--timeout must be positive");
    }
}
