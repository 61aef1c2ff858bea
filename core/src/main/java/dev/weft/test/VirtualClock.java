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

package dev.weft.test;

import dev.weft.Clock;
import dev.weft.Loop;
import dev.weft.LoopOptions;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A clock for tests that stands still while tasks run and jumps straight to the next timer when
 * every task of its loop waits on Weft ({@link dev.weft.Weft#sleep sleep}, timeouts, joins of
 * tasks of the same loop, and locks, queues and the other primitives of {@code dev.weft.sync} and
 * {@code dev.weft.queue} that only the loop's tasks use): a test of an hour-long timeout runs in
 * milliseconds, with the same order of events as in real time.
 *
 * {@snippet :
 * var clock = new VirtualClock();
 * VirtualClock.run(clock, () -> {
 *     Weft.sleep(Duration.ofHours(1));     // returns at once in real time
 *     return null;
 * });
 * assert clock.elapsed().equals(Duration.ofHours(1));
 * }
 *
 * <p>A primitive counts as the loop's own while only the loop's tasks use it: one made by a task,
 * or one made outside any loop (before the loop runs) and then used by the loop's tasks only. The
 * clock does not jump while a task waits on something outside the loop (a socket, a JDK lock,
 * {@code Thread.sleep}, a task of another loop, a primitive a plain thread has used): the loop
 * then waits for that in real time, and after its {@linkplain LoopOptions#withStallGrace grace
 * period} reports, once, which tasks keep the clock from jumping. JDK timers never follow this
 * clock.
 *
 * <p><b>Pitfalls:</b> a primitive made on the test's thread and then waited on by a task counts
 * as the loop's own until a plain thread uses it; a plain thread that will use it only later (an
 * {@code Event} it sets once its work is done) cannot hold the clock back, so a
 * {@code Weft.timeout} around that wait expires at once in virtual time. Let the thread touch
 * the primitive before the loop waits on it, or run such a test on the system clock.
 *
 * <p><b>Thread safety:</b> {@link #nanoTime()} and {@link #elapsed()} may be read from any
 * thread; one clock should drive one loop.
 */
public final class VirtualClock implements Clock {
    private final long origin;
    private volatile long now;   // written by the loop thread (jumps) or by advance()

    /** Creates a clock that starts at zero. */
    public VirtualClock() {
        this.origin = 0;
        this.now = origin;
    }

    /**
     * Runs {@code main} as {@link dev.weft.Weft#run} does, on a new loop driven by a new virtual
     * clock.
     */
    public static <T> T run(Callable<T> main) {
        return run(new VirtualClock(), main);
    }

    /** Runs {@code main} on a new loop driven by {@code clock}, then closes the loop. */
    public static <T> T run(VirtualClock clock, Callable<T> main) {
        var options = LoopOptions.defaults().withClock(clock).withName("virtual-time");
        try (var loop = new Loop(options)) {
            return loop.run(main);
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public boolean jumpTo(long deadline) {
        if (deadline > now) {
            now = deadline;
        }
        return true;
    }

    /**
     * Moves the clock forward by hand; timers that become due fire at the loop's next turn. Call
     * it from a task of the clock's loop.
     *
     * @throws IllegalArgumentException if the duration is negative
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        now = now + duration.toNanos();
    }

    /** Returns how far the clock has moved since it was created. */
    public Duration elapsed() {
        return Duration.ofNanos(now - origin);
    }

    @Override
    public String toString() {
        return "VirtualClock[" + elapsed() + "]";
    }
}
