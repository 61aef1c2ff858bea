package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.sync.Event;

/** A program with known tasks for {@link DumpCommandTest}: prints its pid, then waits. */
public final class DumpTarget {
    private DumpTarget() {}

    /** Runs until its standard input closes. */
    public static void main(String[] args) throws Exception {
        var release = new Event();
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                System.in.read();
            } catch (java.io.IOException e) {
                // the test went away: end anyway
            }
            release.set();
        });
        Weft.run(() -> {
            Weft.spawn("waiter-for-release", release::await);
            System.out.println("READY " + ProcessHandle.current().pid());
            System.out.flush();
            release.await();
        });
    }
}
