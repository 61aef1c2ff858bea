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

package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.test.RecordingHandler;
import dev.weft.test.VirtualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Failures reach their caller or the loop's handler, whatever else happens meanwhile. */
class LostFailureTest {

    @Test
    void aChildFailureReachesTheCallerWhenATimeoutCancelsTheOwnerInClose() {
        var problems = new RecordingHandler();
        var options = problems.options().withClock(new VirtualClock());
        Throwable thrown;
        try (var loop = new Loop(options)) {
            thrown = catchThrowable(() -> loop.run(() -> Weft.timeout(Duration.ofMillis(10), () -> {
                try (var group = TaskGroup.open()) {
                    group.spawn("failing", () -> {
                        Weft.sleep(Duration.ofMillis(5));
                        throw new IllegalStateException("child failed");
                    });
                    group.spawn("shielded", () -> Weft.shield(() -> {
                        Weft.sleep(Duration.ofMillis(50));
                        return null;
                    }));
                }
                return null;
            })));
        }
        // A failure beats a timeout: the child's failure, with the timeout suppressed.
        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("child failed");
        assertThat(thrown.getSuppressed()).singleElement()
                .isInstanceOf(TimeoutException.class);
        assertThat(problems.messages()).isEmpty();
    }

    @Test
    void codeThatCatchesATimeoutStillSeesAChildFailure() {
        var problems = new RecordingHandler();
        Throwable thrown;
        try (var loop = new Loop(problems.options().withClock(new VirtualClock()))) {
            thrown = catchThrowable(() -> loop.run(() -> {
                try {
                    return Weft.timeout(Duration.ofMillis(10), () -> TaskGroup.run(group -> {
                        group.spawn(() -> {
                            throw new IllegalStateException("child failed");
                        });
                        group.spawn(() -> Weft.shield(() -> {
                            Weft.sleep(Duration.ofMillis(50));
                            return null;
                        }));
                        return "body";
                    }));
                } catch (TimeoutException expected) {
                    return "timed out";   // a failure must not hide in here
                }
            }));
        }
        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("child failed");
        assertThat(problems.messages()).isEmpty();
    }

    @Test
    void aChildFailureBeatsAnInnerTimeoutThatEndedTheBodyOfItsGroup() {
        var problems = new RecordingHandler();
        Throwable thrown;
        try (var loop = new Loop(problems.options().withClock(new VirtualClock()))) {
            thrown = catchThrowable(() -> loop.run(() -> {
                try {
                    return TaskGroup.run(group -> {
                        group.spawn(() -> {
                            try {
                                Weft.sleep(Duration.ofHours(1));
                            } finally {
                                failCleanup();   // runs once the timeout cancels the group
                            }
                        });
                        return Weft.timeout(Duration.ofSeconds(1), () -> {
                            Weft.sleep(Duration.ofHours(1));
                            return "body";
                        });
                    });
                } catch (TimeoutException expected) {
                    return "timed out";   // a failure must not hide in here
                }
            }));
        }
        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("cleanup failed");
        assertThat(thrown.getSuppressed()).hasAtLeastOneElementOfType(TimeoutException.class);
        assertThat(problems.messages()).isEmpty();
    }

    private static void failCleanup() {
        throw new IllegalStateException("cleanup failed");
    }

    @Test
    void aChildFailureReachesTheCallerWhenTheOwnerIsCancelledInClose() {
        var problems = new RecordingHandler();
        Throwable[] thrown = new Throwable[1];
        try (var loop = new Loop(problems.options().withClock(new VirtualClock()))) {
            loop.run(() -> {
                Task<Void> owner = Weft.spawn("owner", () -> {
                    try (var group = TaskGroup.open()) {
                        group.spawn(() -> {
                            Weft.sleep(Duration.ofMillis(5));
                            throw new IllegalStateException("child failed");
                        });
                        group.spawn(() -> Weft.shield(() -> {
                            Weft.sleep(Duration.ofMillis(50));
                            return null;
                        }));
                    }
                });
                Weft.sleep(Duration.ofMillis(10));
                owner.cancel();
                thrown[0] = catchThrowable(owner::result);
                return null;
            });
        }
        assertThat(thrown[0]).isInstanceOf(CancellationException.class);
        assertThat(everything(thrown[0])).anyMatch(t -> "child failed".equals(t.getMessage()));
        assertThat(problems.messages()).isEmpty();
    }

    @Test
    void aCancelledTaskCarryingChildFailuresThatNobodyReadsIsReported() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options().withClock(new VirtualClock()))) {
            loop.run(() -> {
                Task<Void> owner = Weft.spawn("owner", () -> TaskGroup.run(group -> {
                    group.spawn(() -> Weft.shield(() -> {
                        Weft.sleep(Duration.ofMillis(5));
                        throw new IllegalStateException("child failed");
                    }));
                    Weft.sleep(Duration.ofHours(1));
                    return null;
                }));
                Weft.sleep(Duration.ofMillis(1));
                owner.cancel();
                owner.join();   // joined, never read
                return null;
            });
        }
        assertThat(problems.reported()).hasSize(1);
        assertThat(problems.messages().getFirst()).contains("Task[owner CANCELLED]")
                .contains("carrying failures");
        assertThat(everything(problems.reported().getFirst().error()))
                .anyMatch(t -> "child failed".equals(t.getMessage()));
    }

    @Test
    void aGroupThatIsNeverClosedLeavesItsChildrensFailuresToTheLoop() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                var group = TaskGroup.open();   // never closed: a bug, but not a silent one
                group.spawn("failing", () -> {
                    throw new IllegalStateException("child failed");
                }).join();
                return null;
            });
        }
        assertThat(problems.messages()).anyMatch(m -> m.contains("Task[failing FAILED]"));
    }

    @Test
    void aCheckedExceptionThrownSneakilyFromADoneCallbackIsReportedAndTheLoopLives() {
        var problems = new RecordingHandler();
        String outcome;
        try (var loop = new Loop(problems.options())) {
            outcome = loop.run(() -> {
                Weft.spawn(() -> 1).onDone(task -> sneakyThrow(new IOException("from callback")));
                Weft.sleep(Duration.ofMillis(5));   // the loop goes on running tasks
                return "alive";
            });
        }
        assertThat(outcome).isEqualTo("alive");
        assertThat(problems.reported()).singleElement()
                .satisfies(p -> assertThat(p.error()).hasMessage("from callback"));
    }

    @Test
    void aCheckedExceptionThrownSneakilyFromATimerActionIsReportedAndTheLoopLives() {
        var problems = new RecordingHandler();
        String outcome;
        try (var loop = new Loop(problems.options())) {
            outcome = loop.run(() -> {
                Loop.current().callLater(Duration.ZERO,
                        () -> sneakyThrow(new IOException("from timer")));
                Weft.sleep(Duration.ofMillis(5));
                return "alive";
            });
        }
        assertThat(outcome).isEqualTo("alive");
        assertThat(problems.reported()).singleElement()
                .satisfies(p -> assertThat(p.error()).hasMessage("from timer"));
    }

    @Test
    void aHandlerThatThrowsSneakilyLosesNoLaterFailure() {
        var seen = new ArrayList<String>();
        ExceptionHandler throwing = (loop, message, error) -> {
            synchronized (seen) {
                seen.add(message);
            }
            sneakyThrow(new IOException("handler failed"));
        };
        // The loop logs what its handler failed to take: capture that log instead of printing it.
        var logged = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var logger = java.util.logging.Logger.getLogger("dev.weft");
        var capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        boolean parents = logger.getUseParentHandlers();
        logger.addHandler(capture);
        logger.setUseParentHandlers(false);
        try {
            var loop = new Loop(LoopOptions.defaults().withExceptionHandler(throwing));
            loop.run(() -> {
                Weft.spawn("first", () -> {
                    throw new IllegalStateException("one");
                });
                Weft.spawn("second", () -> {
                    throw new IllegalStateException("two");
                });
                Weft.yieldNow();
                return null;
            });
            loop.close();   // must not throw the handler's exception
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(parents);
        }
        assertThat(seen).anyMatch(m -> m.contains("first")).anyMatch(m -> m.contains("second"));
        assertThat(logged).anyMatch(m -> m.contains("Task[first FAILED]"))
                .anyMatch(m -> m.contains("Task[second FAILED]"))
                .anyMatch(m -> m.contains("the exception handler failed"));
    }

    /** The exception with every cause and suppressed exception inside it, recursively. */
    static List<Throwable> everything(Throwable root) {
        var all = new ArrayList<Throwable>();
        collect(root, all);
        return all;
    }

    private static void collect(Throwable t, List<Throwable> all) {
        if (t == null || all.stream().anyMatch(seen -> seen == t)) {
            return;
        }
        all.add(t);
        collect(t.getCause(), all);
        for (Throwable suppressed : t.getSuppressed()) {
            collect(suppressed, all);
        }
    }

    static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call);
    }

    @SuppressWarnings("unchecked")
    static <X extends Throwable> void sneakyThrow(Throwable failure) throws X {
        throw (X) failure;
    }
}
