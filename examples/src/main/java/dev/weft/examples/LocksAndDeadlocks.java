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

package dev.weft.examples;

import dev.weft.DeadlockException;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.sync.Barrier;
import dev.weft.sync.Lock;
import dev.weft.sync.RLock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The seed's locks: why a mutex is needed even between coroutines (a read-modify-write that
 * blocks in the middle), {@code Lock} against {@code RLock}, how deadlock happens, and three ways
 * to avoid it. Where Python's program would hang, Weft reports the deadlock.
 */
public final class LocksAndDeadlocks {
    private LocksAndDeadlocks() {}

    /** Runs the example; returns the final ticket count of the locked sale. */
    public static int run(Transcript transcript) {
        return Weft.run(() -> {
            int tickets = sellTickets(transcript);
            reentrancy(transcript);
            deadlock(transcript);
            lockOrdering(transcript);
            tryLockWithTimeout(transcript);
            return tickets;
        });
    }

    /** Ten buyers each take a ticket; each reads, "thinks" (blocks), then writes. */
    private static int sellTickets(Transcript transcript) throws Exception {
        int[] unlocked = {10};
        int[] locked = {10};
        var lock = new Lock("tickets");
        var buyers = new java.util.ArrayList<Task<Void>>();
        for (int i = 0; i < 10; i++) {
            buyers.add(Weft.spawn(() -> {
                int seen = unlocked[0];
                Weft.sleep(Duration.ofMillis(10));       // blocking I/O in the middle
                unlocked[0] = seen - 1;
                lock.lock();
                try {
                    int seenLocked = locked[0];
                    Weft.sleep(Duration.ofMillis(1));
                    locked[0] = seenLocked - 1;
                } finally {
                    lock.unlock();
                }
            }));
        }
        Weft.joinAll(buyers);
        transcript.say("without a lock 10 buyers leave " + unlocked[0] + " of 10 tickets (wrong)");
        transcript.say("with a Lock 10 buyers leave " + locked[0] + " of 10 tickets");
        return locked[0];
    }

    private static void reentrancy(Transcript transcript) {
        var lock = new Lock("mutex");
        lock.lock();
        try {
            lock.lock();
        } catch (IllegalStateException e) {
            transcript.say("Lock acquired twice: " + e.getMessage());
        } finally {
            lock.unlock();
        }
        var rlock = new RLock("recursive");
        rlock.lock();
        rlock.lock();
        transcript.say("RLock acquired twice, hold count " + rlock.holdCount());
        rlock.unlock();
        rlock.unlock();
    }

    /** Two tasks take two forks in opposite order: the classic deadlock. */
    private static void deadlock(Transcript transcript) {
        var noodles = new Lock("noodles");
        var fork = new Lock("fork");
        var bothHoldOne = new Barrier(2);
        Task<Void> a = Weft.spawn("alex", () -> eat(noodles, fork, bothHoldOne));
        Task<Void> b = Weft.spawn("wusir", () -> eat(fork, noodles, bothHoldOne));
        Weft.joinAll(List.of(a, b));
        for (Task<Void> task : List.of(a, b)) {
            if (task.state() == Future.State.FAILED
                    && task.exceptionNow() instanceof DeadlockException e) {
                transcript.say("reported: " + e.getMessage().lines().findFirst().orElseThrow());
            } else {
                transcript.say(task.name() + " ate, once the other let go");
            }
        }
    }

    private static void eat(Lock first, Lock second, Barrier bothHoldOne) throws Exception {
        first.lock();
        try {
            bothHoldOne.await();
            second.lock();
            second.unlock();
        } finally {
            first.unlock();
        }
    }

    /** The fix: every task takes the locks in one global order. */
    private static void lockOrdering(Transcript transcript) {
        var noodles = new Lock("noodles");
        var fork = new Lock("fork");
        var tasks = List.of("alex", "wusir").stream().map(name -> Weft.spawn(name, () -> {
            noodles.lock();      // always noodles first, then fork
            try {
                fork.lock();
                fork.unlock();
            } finally {
                noodles.unlock();
            }
        })).toList();
        Weft.joinAll(tasks);
        transcript.say("same lock order: both ate, " + tasks.stream()
                .filter(t -> t.state() == Future.State.SUCCESS).count() + " of 2 done");
    }

    /** Another fix: give up after a while and retry later. */
    private static void tryLockWithTimeout(Transcript transcript) throws Exception {
        var fork = new Lock("fork");
        Task<Void> holder = Weft.spawn(() -> {
            fork.lock();
            Weft.sleep(Duration.ofMillis(100));
            fork.unlock();
        });
        Weft.yieldNow();
        boolean got = fork.tryLock(20, TimeUnit.MILLISECONDS);
        transcript.say("tryLock for 20 ms while another holds it: " + got);
        holder.join();
        got = fork.tryLock(20, TimeUnit.MILLISECONDS);
        transcript.say("tryLock once it is free: " + got);
        fork.unlock();
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
