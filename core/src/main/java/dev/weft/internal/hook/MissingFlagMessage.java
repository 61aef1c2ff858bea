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
