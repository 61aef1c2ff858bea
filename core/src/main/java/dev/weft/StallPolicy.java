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

/**
 * What a loop does when it stalls: {@link Loop#run}'s main task and every other task wait on
 * things that only the loop's own tasks seem able to end (Weft primitives that only its tasks
 * have used, joins of its tasks), nothing is ready and no timer is pending. Set with
 * {@link LoopOptions#withStallPolicy}.
 *
 * <p>A stall is not certain to last: a plain thread or another loop may hold a reference to one
 * of those primitives and use it later (an {@code Event} set by a callback thread, a queue a
 * worker fills), and the loop cannot see references. Cycles of locks and joins, a re-acquired
 * {@code Lock} and a lock whose owner ended holding it are certain, and are always errors
 * ({@link DeadlockException}), whatever the policy.
 */
public enum StallPolicy {
    /**
     * The default: after the loop's {@linkplain LoopOptions#withStallGrace grace period} of real
     * time with the stall unchanged, the loop reports it once to its {@link ExceptionHandler},
     * with every task, what it waits on and its stack, and the waits go on.
     */
    REPORT,

    /**
     * For a loop that is a closed world, such as a test in which no other thread touches the
     * loop's primitives: every stalled wait fails at once with a {@link DeadlockException}
     * carrying the report, as Go fails a program whose goroutines are all asleep.
     */
    FAIL
}
