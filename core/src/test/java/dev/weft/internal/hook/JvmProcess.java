package dev.weft.internal.hook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the tests in a fresh JVM, for behaviour that depends on JVM flags or on
 * what the JVM did first. */
public final class JvmProcess {
    public record Outcome(int exitCode, String output) {}

    private JvmProcess() {}

    public static Outcome run(List<String> jvmFlags, Class<?> mainClass) throws IOException,
            InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<String>();
        command.add(java);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        Path output = Files.createTempFile("weft-jvm", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the JVM running " + mainClass.getSimpleName()
                        + " did not exit: " + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Outcome(process.exitValue(),
                    Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
