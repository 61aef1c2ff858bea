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

package dev.weft.internal.hook;

/** Builds the error shown when the JVM was started without the flag Weft needs. */
final class MissingFlagMessage {
    private MissingFlagMessage() {}

    /** Returns the message for Weft loaded in {@code module}, naming the exact flag to add. */
    static String text(Module module) {
        String target = module.isNamed() ? module.getName() : "ALL-UNNAMED";
        String flag = "--add-opens java.base/java.lang=" + target;
        return "Weft needs the JVM flag '" + flag + "' to schedule virtual threads on its loops. "
                + "Add it in one of these places: "
                + "(1) on the command line: java " + flag + " ...; "
                + "(2) for tests, in the Maven Surefire configuration: <argLine>" + flag
                + "</argLine> (Gradle: tasks.test { jvmArgs(\"" + flag.replace(' ', '=')
                + "\") }); "
                + "(3) for an executable jar started with java -jar, in its META-INF/MANIFEST.MF: "
                + "'Add-Opens: java.base/java.lang'. "
                + (module.isNamed()
                        ? "Weft is on the module path as module '" + target
                                + "', so the flag must name that module, not ALL-UNNAMED."
                        : "Weft is on the class path, so ALL-UNNAMED is right; on the module "
                                + "path use '=dev.weft' instead.");
    }
}
