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

package example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Loop;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a program on the module path sees of weft-core: its module, exports and JVM flag. */
class WeftModuleTest {
    private static final String MODULE_PATH_FLAG = "--add-opens java.base/java.lang=dev.weft";

    private final Module weft = Loop.class.getModule();

    @Test
    void weftIsTheNamedModuleDevWeftOnTheModulePath() {
        assertThat(weft.isNamed()).as("weft-core should be on the module path").isTrue();
        assertThat(weft.getName()).isEqualTo("dev.weft");
        assertThat(Main.class.getModule().getName()).isEqualTo("example.consumer");
    }

    @Test
    void onlyTheApiPackagesAreExported() {
        var exported = weft.getDescriptor().exports().stream()
                .filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());

        assertThat(exported).containsExactlyInAnyOrder("dev.weft", "dev.weft.sync",
                "dev.weft.queue", "dev.weft.exec", "dev.weft.net", "dev.weft.process",
                "dev.weft.test");
        assertThat(weft.getDescriptor().isOpen()).isFalse();
    }

    @Test
    void internalPackagesAreNeitherExportedNorOpen() {
        Module consumer = Main.class.getModule();
        List<String> internal = weft.getPackages().stream()
                .filter(name -> name.equals("dev.weft.internal")
                        || name.startsWith("dev.weft.internal."))
                .sorted()
                .toList();

        assertThat(internal).as("dev.weft's machinery packages").isNotEmpty();
        assertThat(internal).allSatisfy(name -> {
            assertThat(weft.isExported(name)).as("%s exported", name).isFalse();
            assertThat(weft.isExported(name, consumer)).as("%s exported to us", name).isFalse();
            assertThat(weft.isOpen(name, consumer)).as("%s open to us", name).isFalse();
        });
    }

    @Test
    void withoutTheFlagCreatingALoopFailsNamingTheModulePathFlag(@TempDir Path dir)
            throws Exception {
        var run = runMain(dir, List.of());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("IllegalStateException").contains(MODULE_PATH_FLAG)
                .doesNotContain("java.lang=ALL-UNNAMED");   // the class-path flag would not do
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void withTheFlagMainRunsFromTheModulePath(@TempDir Path dir) throws Exception {
        var run = runMain(dir, List.of(MODULE_PATH_FLAG.split(" ")));

        assertThat(run.stderr()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo(Main.run() + System.lineSeparator());
    }

    /** What a child JVM printed and how it ended. */
    private record Outcome(int exitCode, String stdout, String stderr) {}

    /** Runs {@code java [flags] -p <our module path> -m example.consumer/...Main}, a child JVM. */
    private static Outcome runMain(Path dir, List<String> flags)
            throws IOException, InterruptedException {
        String modulePath = System.getProperty("jdk.module.path");
        assertThat(modulePath).as("the tests' module path").isNotBlank();
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-p", modulePath, "-m",
                Main.class.getModule().getName() + "/" + Main.class.getName()));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        // A guard against a hung child, not a measurement: the program takes well under a second.
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not end: " + command);
        }
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
