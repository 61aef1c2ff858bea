package dev.weft;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An exception handler for tests that records what a loop reports. */
final class Problems implements ExceptionHandler {
    record Problem(String message, Throwable error) {}

    private final List<Problem> reported = new CopyOnWriteArrayList<>();

    @Override
    public void handle(Loop loop, String message, Throwable error) {
        reported.add(new Problem(message, error));
    }

    List<Problem> reported() {
        return reported;
    }

    List<String> messages() {
        return reported.stream().map(Problem::message).toList();
    }

    LoopOptions options() {
        return LoopOptions.defaults().withExceptionHandler(this);
    }
}
