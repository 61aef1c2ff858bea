package dev.weft.internal.park;

import dev.weft.Loop;
import dev.weft.Weft;
import dev.weft.sync.Lock;
import dev.weft.test.RecordingHandler;

/** Ends a task holding a lock and prints what its loop reported, with the recorded site. */
public final class LockSiteProbe {
    private LockSiteProbe() {}

    /** Runs the probe. */
    public static void main(String[] args) {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                var lock = new Lock("db");
                Weft.spawn("careless", () -> takeAndForget(lock)).join();
                return null;
            });
        }
        for (RecordingHandler.Problem problem : problems.reported()) {
            System.out.println("MESSAGE " + problem.message());
            if (problem.error() != null) {
                for (StackTraceElement frame : problem.error().getStackTrace()) {
                    System.out.println("FRAME " + frame.getMethodName());
                }
            }
        }
    }

    private static void takeAndForget(Lock lock) {
        lock.lock();
    }
}
