package dev.weft;

import dev.weft.internal.Parties;
import dev.weft.internal.Waiter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wait-for graph, followed on demand: who waits on what, and who alone could end that wait.
 * A task that starts waiting for a lock or a task walks the chain from there; if the chain comes
 * back to it, or ends at a lock whose owner has ended, the wait could never end and fails with a
 * {@link DeadlockException} that shows the chain.
 */
final class WaitGraph {
    /* How it works: nothing is kept but what each party waits on now (TaskWaitState.blockedOn for
     * tasks; a map for plain threads, which are rare waiters). A waiter publishes its edge
     * (a volatile write) before it walks, so of two parties closing a cycle at the same time at
     * least the second sees the first's edge. Walks are bounded, and stop at a cycle that does
     * not pass through the walker: its own members report it. */

    private static final int MAX_CHAIN = 1000;
    private static final ConcurrentHashMap<Thread, ThreadWait> THREADS_WAITING =
            new ConcurrentHashMap<>();

    /** What a plain thread waits on, and whether with a timeout. */
    private record ThreadWait(Object blocker, boolean timed) {}

    private WaitGraph() {}

    /** A plain thread starts waiting on {@code blocker}, for at most a while if {@code timed}. */
    static void threadWaits(Thread thread, Object blocker, boolean timed) {
        THREADS_WAITING.put(thread, new ThreadWait(blocker, timed));
    }

    /** That thread stopped waiting. */
    static void threadResumes(Thread thread) {
        THREADS_WAITING.remove(thread);
    }

    /** Returns what {@code party} waits on now: a Waiter, a Task it joins, or null. */
    static Object blockedOn(Object party) {
        if (party instanceof Task<?> task) {
            TaskWaitState state = task.waitStateOrNull();
            return state == null ? null : state.blockedOn();
        }
        if (party instanceof Thread thread) {
            ThreadWait wait = THREADS_WAITING.get(thread);
            return wait == null ? null : wait.blocker();
        }
        return null;
    }

    /** Returns the party that alone could end a wait on {@code blocker}, or null if anyone may. */
    private static Object holderOf(Object blocker) {
        if (blocker instanceof Waiter waiter) {
            return waiter.target().holder();
        }
        if (blocker instanceof Task<?> task) {
            return task.isDone() ? null : task;
        }
        return null;
    }

    /**
     * Follows the chain from {@code party}, which has just published that it waits on
     * {@code blocker}, and returns the exception to throw if the wait could never end, or null.
     */
    static DeadlockException check(Object party, Object blocker) {
        if (waitIsBounded(party) || endsAtOnce(party, blocker)) {
            return null;
        }
        var chain = new ArrayList<Object>();   // party, blocker, party, blocker, ...
        Object current = party;
        Object waitingOn = blocker;
        for (int step = 0; step < MAX_CHAIN && waitingOn != null; step++) {
            Object holder = holderOf(waitingOn);
            if (holder == null) {
                return null;
            }
            chain.add(current);
            chain.add(waitingOn);
            if (holder == party) {
                return deadlock("deadlock: " + describeChain(chain, party)
                        + stacksOf(chain, party));
            }
            if (hasEnded(holder)) {
                if (!(waitingOn instanceof Waiter)) {
                    return null;   // a joined task that has just finished: the join ends
                }
                return deadlock("deadlock: " + describeChain(chain, holder)
                        + ", which has ended without releasing it: nobody else may release it"
                        + stacksOf(chain, party));
            }
            if (partyOnChain(chain, holder)) {
                return null;   // a cycle that does not pass through party: its members report it
            }
            if (waitIsBounded(holder)) {
                return null;   // its timeout will break the chain
            }
            current = holder;
            waitingOn = blockedOn(holder);
        }
        return null;
    }

    /**
     * Whether the chain obviously ends at its first link, the common case (the holder runs, or
     * waits on something nobody holds), so that the walk allocates nothing.
     */
    private static boolean endsAtOnce(Object party, Object blocker) {
        Object holder = holderOf(blocker);
        if (holder == null || holder == party || hasEnded(holder)) {
            return holder == null;
        }
        Object next = blockedOn(holder);
        return next == null || holderOf(next) == null;
    }

    private static boolean partyOnChain(List<Object> chain, Object party) {
        for (int i = 0; i < chain.size(); i += 2) {
            if (chain.get(i) == party) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the party's current wait will end by itself: a timed wait, a wait inside a
     * {@link Weft#timeout}, or a wait of a task being cancelled. A chain through it is not a
     * deadlock, just slow.
     */
    private static boolean waitIsBounded(Object party) {
        if (party instanceof Task<?> task) {
            TaskWaitState state = task.waitStateOrNull();
            return state != null && state.timedWait() || task.isCancelRequested()
                    || CancelScope.hasDeadline(task.scope)
                    || CancelScope.firstCancelled(task.scope) != null;
        }
        if (party instanceof Thread thread) {
            ThreadWait wait = THREADS_WAITING.get(thread);
            return wait != null && wait.timed();
        }
        return false;
    }

    /** Records the deadlock for JDK Flight Recorder and returns its exception. */
    static DeadlockException deadlock(String report) {
        WeftEvents.deadlock(report);
        return new DeadlockException(report);
    }

    private static boolean hasEnded(Object party) {
        return party instanceof Task<?> task ? task.isDone()
                : party instanceof Thread thread && !thread.isAlive();
    }

    /** "task "a" waits on X, held by task "b"; task "b" waits on Y, held by {@code last}". */
    private static String describeChain(List<Object> chain, Object last) {
        var text = new StringBuilder();
        for (int i = 0; i < chain.size(); i += 2) {
            Object holder = i + 2 < chain.size() ? chain.get(i + 2) : last;
            if (i > 0) {
                text.append("; ");
            }
            text.append(Parties.describe(chain.get(i))).append(' ')
                    .append(describeWait(chain.get(i + 1)))
                    .append(", held by ").append(Parties.describe(holder));
        }
        return text.toString();
    }

    /** How a report shows what a task waits on. */
    static String describeWait(Object blocker) {
        return switch (blocker) {
            case null -> "waits on nothing Weft knows of";
            case Waiter waiter -> "waits on " + waiter.target();
            case Task<?> task -> "waits for " + task + " to finish";
            default -> "waits on " + blocker;
        };
    }

    /** The stacks of the parties on the chain other than the one that will throw. */
    private static String stacksOf(List<Object> chain, Object thrower) {
        var text = new StringBuilder();
        for (int i = 0; i < chain.size(); i += 2) {
            Object party = chain.get(i);
            if (party != thrower) {
                appendStack(text, party);
            }
        }
        return text.toString();
    }

    /** Appends "\n<party> is at:\n\tat frame..." when the party's thread is still there. */
    static void appendStack(StringBuilder text, Object party) {
        Thread thread = party instanceof Task<?> task ? task.thread
                : party instanceof Thread t ? t : null;
        if (thread == null) {
            return;
        }
        text.append('\n').append(Parties.describe(party)).append(" is at:");
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("\n\tat ").append(frame);
        }
    }

    /**
     * Loop thread: the report for a loop that is a closed world ({@link StallPolicy#FAIL}) whose
     * started tasks all wait on things only the loop could end, with no timer pending.
     */
    static String stallReport(Loop loop, List<Task<?>> tasks) {
        var text = new StringBuilder("deadlock on loop \"").append(loop.name())
                .append("\": every task waits on something only this loop's tasks could end, ")
                .append("and no timer is pending (StallPolicy.FAIL: the loop is a closed world):");
        return appendTasks(text, tasks);
    }

    /**
     * Loop thread: the report for a loop whose started tasks have all waited, for its grace
     * period, on things only the loop seems able to end, with no timer pending.
     */
    static String likelyStallReport(Loop loop, List<Task<?>> tasks) {
        var text = new StringBuilder("loop \"").append(loop.name())
                .append("\" may be deadlocked: every task waits on something only this loop's ")
                .append("tasks seem able to end, no timer is pending, and nothing changed for ")
                .append("a while; the waits go on, since a plain thread or another loop holding ")
                .append("one of these may still end them (LoopOptions.withStallPolicy(")
                .append("StallPolicy.FAIL) makes them fail instead):");
        return appendTasks(text, tasks);
    }

    /**
     * Loop thread: the report for a loop on a virtual clock whose tasks all wait, at least one
     * on something outside the loop, so the clock cannot jump to the next timer.
     */
    static String clockStuckReport(Loop loop, List<Task<?>> tasks) {
        var text = new StringBuilder("the clock of loop \"").append(loop.name())
                .append("\" cannot jump to its next timer: every task waits, but not all on ")
                .append("things only this loop can end (a primitive used by a plain thread or ")
                .append("another loop, a socket, a JDK lock, a task of another loop), so the ")
                .append("loop waits for them in real time:");
        return appendTasks(text, tasks);
    }

    private static String appendTasks(StringBuilder text, List<Task<?>> tasks) {
        for (Task<?> task : tasks) {
            text.append("\n  ").append(Parties.describe(task)).append(' ')
                    .append(describeWait(blockedOn(task)));
        }
        for (Task<?> task : tasks) {
            appendStack(text, task);
        }
        return text.toString();
    }
}
