package dev.weft.internal.loop;

import dev.weft.Weft;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * What {@link LoopCore#run} does once its main task has ended: cancel every other task of the loop,
 * including those not started yet, wait until they have all finished, and say which were
 * cancelled. Runs as a task of the loop.
 */
public final class LeftoverSweep {
    private LeftoverSweep() {}

    /** In a task of the ledger's loop: cancels and awaits all tasks but {@code main} and itself. */
    static List<TaskCore> run(TaskLedger ledger, TaskCore main) {
        TaskCore self = TaskCore.current();
        var cancelled = new ArrayList<TaskCore>();
        while (ledger.accepted() - ledger.finished() > 1) {
            List<TaskCore> others = new ArrayList<>(ledger.alive());
            others.remove(self);
            others.remove(main);
            for (TaskCore task : others) {
                if (task.cancel()) {
                    cancelled.add(task);
                }
            }
            Weft.shield(() -> {
                for (TaskCore task : others) {
                    task.join();
                }
                Weft.yieldNow();   // lets tasks that were spawned but not started end
                return null;
            });
        }
        return cancelled;
    }

    /** Waits for {@code task} even if the caller is interrupted, keeping the interrupt. */
    static void awaitUninterruptibly(TaskCore task) {
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
