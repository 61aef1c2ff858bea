package dev.weft;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * What {@link Loop#run} does once its main task has ended: cancel every other task of the loop,
 * including those not started yet, wait until they have all finished, and say which were
 * cancelled. Runs as a task of the loop.
 */
final class LeftoverSweep {
    private LeftoverSweep() {}

    /** In a task of the ledger's loop: cancels and awaits all tasks but {@code main} and itself. */
    static List<Task<?>> run(TaskLedger ledger, Task<?> main) {
        Task<?> self = Task.current();
        var cancelled = new ArrayList<Task<?>>();
        while (ledger.accepted() - ledger.finished() > 1) {
            List<Task<?>> others = new ArrayList<>(ledger.alive());
            others.remove(self);
            others.remove(main);
            for (Task<?> task : others) {
                if (task.cancel()) {
                    cancelled.add(task);
                }
            }
            Weft.shield(() -> {
                for (Task<?> task : others) {
                    task.join();
                }
                Weft.yieldNow();   // lets tasks that were spawned but not started end
                return null;
            });
        }
        return cancelled;
    }

    /** Waits for {@code task} even if the caller is interrupted, keeping the interrupt. */
    static void awaitUninterruptibly(Task<?> task) {
        boolean interrupted = false;
        while (true) {
            try {
                task.join();
                break;
            } catch (CancellationException e) {
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
