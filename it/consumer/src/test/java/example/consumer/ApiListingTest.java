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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compares the public API of weft-core with the listing checked in as
 * {@code src/test/resources/weft-core.api}, so that no change to the API goes unnoticed.
 * With {@code -Dweft.api.update=true} it writes the listing instead.
 */
class ApiListingTest {
    static final String REGENERATE = "mvn -DskipTests install -pl core -am"
            + " && mvn -f it/consumer/pom.xml test -Dtest=ApiListingTest -Dweft.api.update=true";

    private static final String HEADER = """
            # The public API of weft-core (module dev.weft) as a consumer sees it: every public
            # and protected type, field, constructor and method of the exported packages, one per
            # line, by type. Checked by it/consumer's ApiListingTest; after a deliberate change,
            # regenerate it from the repository's root with:
            #   %s
            """.formatted(REGENERATE);

    @Test
    void theApiOfWeftCoreMatchesItsListing() throws IOException {
        Path file = Path.of(System.getProperty("weft.api.file",
                "src/test/resources/weft-core.api"));
        List<String> actual = ApiListing.of("dev.weft");
        assertThat(actual).as("the API of dev.weft").isNotEmpty();

        if (Boolean.getBoolean("weft.api.update")) {
            Files.writeString(file, HEADER + String.join("\n", actual) + "\n");
            System.out.println("wrote " + actual.size() + " lines to " + file);
            return;
        }
        List<String> expected = Files.exists(file) ? listed(file) : List.of();
        if (!actual.equals(expected)) {
            throw new AssertionError(difference(file, expected, actual));
        }
    }

    private static List<String> listed(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    private static String difference(Path file, List<String> expected, List<String> actual) {
        var added = new ArrayList<>(actual);
        added.removeAll(new HashSet<>(expected));
        var removed = new ArrayList<>(expected);
        removed.removeAll(new HashSet<>(actual));
        var message = new StringBuilder("The public API of weft-core differs from " + file
                + " (" + added.size() + " added, " + removed.size() + " removed):\n");
        added.forEach(line -> message.append("+ ").append(line).append('\n'));
        removed.forEach(line -> message.append("- ").append(line).append('\n'));
        if (added.isEmpty() && removed.isEmpty()) {
            message.append("  (the same lines in another order, or repeated)\n");
        }
        return message.append("If the change is meant, regenerate the listing from the"
                + " repository's root and commit it:\n  ").append(REGENERATE).append('\n')
                .toString();
    }
}
