package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.sync.Lock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How code finds the task it runs in, and the calls that make no sense inside one. */
class TaskIdentityTest {

    @Test
    void aTaskThatReplacesItsThreadsUncaughtExceptionHandlerIsStillItself() {
        String outcome = Weft.run(() -> {
            Task<?> self = Task.current();
            Thread.currentThread().setUncaughtExceptionHandler((thread, failure) -> { });
            var lock = new Lock();
            lock.lock();
            Weft.sleep(Duration.ofMillis(1));
            lock.unlock();   // the same owner as before
            assertThat(Task.current()).isSameAs(self);
            return "ok";
        });
        assertThat(outcome).isEqualTo("ok");
    }

    @Test
    void aVirtualThreadMadeInsideATaskIsNotThatTask() throws Exception {
        var seen = new ArrayList<Boolean>();
        Weft.run(() -> {
            Thread child = Thread.ofVirtual().start(() -> seen.add(Weft.inTask()));
            child.join();
            return null;
        });
        assertThat(seen).containsExactly(false);
    }

    @Test
    void weftRunInsideATaskIsAClearError() {
        List<Throwable> thrown = new ArrayList<>();
        Weft.run(() -> {
            try {
                Weft.run(() -> 1);
            } catch (IllegalStateException e) {
                thrown.add(e);
            }
            return null;
        });
        assertThat(thrown).singleElement().satisfies(e -> assertThat(e)
                .hasMessageContaining("Weft.run cannot be called from task \"main\"")
                .hasMessageContaining("Weft.spawn"));
    }

    @Test
    void runningAnotherLoopFromInsideATaskIsAClearError() {
        try (var other = new Loop()) {
            Weft.run(() -> {
                assertThatThrownBy(() -> other.run(() -> 1))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("cannot be called from task \"main\"")
                        .hasMessageContaining("Offload");
                return null;
            });
        }
    }
}
