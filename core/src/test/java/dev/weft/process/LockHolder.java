package dev.weft.process;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A child process for tests: locks a file, says "locked", and waits for a line on stdin. */
public final class LockHolder {
    private LockHolder() {}

    /** Locks {@code args[0]} until a line (or the end) arrives on stdin. */
    public static void main(String[] args) throws Exception {
        try (var channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
                var lock = channel.lock()) {
            System.out.println("locked");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine();
        }
        System.out.println("released");
    }
}
