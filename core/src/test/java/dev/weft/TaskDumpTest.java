package dev.weft;

import java.util.concurrent.Future;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.sync.Lock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TaskDumpTest {

    @Test
    void aDumpShowsTheTaskTreeAndWhatEachTaskWaitsOn() {
        TaskDump dump = Weft.run(() -> {
            var lock = new Lock("db");
            lock.lock();
            Task<Void> parent = Weft.spawn("parent", () -> {
                Task<Void> locker = Weft.spawn("locker", () -> {
                    lock.lock();
                    lock.unlock();
                });
                Weft.spawn("sleeper", () -> Weft.sleep(Duration.ofHours(1)));
                locker.join();
            });
            Weft.yieldNow();
            Weft.yieldNow();
            TaskDump taken = Weft.current().loop().dump();
            lock.unlock();
            parent.cancel();
            return taken;
        });
        assertThat(dump.consistent()).isTrue();
        assertThat(dump.tasks()).singleElement().satisfies(main -> {
            assertThat(main.name()).isEqualTo("main");
            assertThat(main.waitingFor()).isEqualTo("running (it took this dump)");
            assertThat(main.children()).singleElement().satisfies(parent -> {
                assertThat(parent.name()).isEqualTo("parent");
                assertThat(parent.waitingFor()).isEqualTo(
                        "waiting for Task[locker RUNNING] to finish");
                assertThat(parent.children()).extracting(TaskDump.Node::name)
                        .containsExactlyInAnyOrder("locker", "sleeper");
                assertThat(parent.children()).filteredOn(n -> n.name().equals("locker"))
                        .singleElement().extracting(TaskDump.Node::waitingFor).asString()
                        .startsWith("waiting on Lock \"db\"[held by task \"main\"");
                assertThat(parent.children()).filteredOn(n -> n.name().equals("sleeper"))
                        .singleElement().extracting(TaskDump.Node::waitingFor)
                        .isEqualTo("sleeping (Weft.sleep)");
            });
        });
        assertThat(dump.size()).isEqualTo(4);
        assertThat(dump.toString()).contains("task \"locker\" RUNNING: waiting on Lock \"db\"")
                .contains("at dev.weft.sync.OwnedLock.lock");
        assertThat(dump.toJson()).startsWith("{\"loop\":\"weft-").contains(
                "\"name\":\"sleeper\",\"state\":\"RUNNING\",\"waitingFor\":\"sleeping "
                        + "(Weft.sleep)\"");
    }

    @Test
    void aDumpFromAnotherThreadIsTakenOnTheLoop() throws Exception {
        try (var loop = new Loop()) {
            var started = new CountDownLatch(1);
            Task<Void> sleeper = loop.spawn("sleeper", () -> {
                started.countDown();
                Thread.sleep(60_000);
            });
            started.await();
            while (sleeper.state() != Future.State.RUNNING
                    || loop.dump().tasks().getFirst().waitingFor().startsWith("ready")) {
                Thread.onSpinWait();
            }
            TaskDump dump = loop.dump();
            assertThat(dump.consistent()).isTrue();
            assertThat(dump.tasks()).singleElement().satisfies(node -> {
                assertThat(node.name()).isEqualTo("sleeper");
                assertThat(node.waitingFor()).startsWith("waiting outside Weft");
                assertThat(node.stack()).extracting(StackTraceElement::getMethodName)
                        .contains("sleep");
            });
            sleeper.cancel();
        }
    }

    @Test
    void jsonEscapesWhatItQuotes() {
        var dump = new TaskDump("a \"quoted\"\nloop", true, java.util.List.of());
        assertThat(dump.toJson()).isEqualTo(
                "{\"loop\":\"a \\\"quoted\\\"\\nloop\",\"consistent\":true,\"tasks\":[]}");
    }
}
