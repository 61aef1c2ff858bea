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

package dev.weft.internal.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Set;
import dev.weft.internal.park.Home;
import dev.weft.internal.park.Parking;
import dev.weft.internal.park.WaitTarget;
import dev.weft.internal.park.Waiter;

/**
 * A loop's own {@link Selector}: tasks of the loop park until their channel is ready, and the
 * loop's idle wait is the selector's wait, so readiness and the task waiting for it meet on the
 * loop's thread with no hand-off (the design of asyncio and uvloop). Created on first use; a loop
 * that never touches {@code dev.weft.net} has none.
 */
public final class IoPoller {
    /* How it works: every registered channel carries an Interest: the task waiting to read (or
     * accept) and the task waiting to write (or connect), and whether each side is ready. A task
     * sets its interest bits and parks in the one park; the loop polls the selector once per turn while any task
     * waits, and blocks in select() when idle; a ready key grants the waiter of its side, a local
     * schedule. Read interest stays set between reads (changing it is a system
     * call, and the next read usually waits too) until the channel is ready with no reader,
     * since the selector is level-triggered; write interest is dropped after each use.
     * Everything here runs on the loop thread (tasks are mounted on it), except wake-ups, which
     * use Selector.wakeup(). */

    private static final int READ_SIDE = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
    private static final int WRITE_SIDE = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;

    private final LoopCore loop;
    private volatile Selector selector;   // created by the loop thread; read by wakers
    private int waiting;                  // loop thread only

    /** Who waits on one channel, and for what: the target of their waits. */
    private static final class Interest implements WaitTarget {
        final SelectableChannel channel;
        Waiter reader;
        Waiter writer;

        Interest(SelectableChannel channel) {
            this.channel = channel;
        }

        @Override
        public boolean confinedTo(Home home) {
            return false;   // readiness comes from the network, not from the loop's tasks
        }

        @Override
        public String describeWait() {
            return "waits for " + channel + " to be ready";
        }

        @Override
        public String toString() {
            return String.valueOf(channel);
        }
    }

    IoPoller(LoopCore loop) {
        this.loop = loop;
    }

    /** Any thread: the selector, or null if the loop has none yet. */
    Selector selectorOrNull() {
        return selector;
    }

    /**
     * The task's own thread, on the loop: parks until {@code channel} is ready for
     * {@code ops} (one side: read/accept, or write/connect). This is a
     * {@linkplain dev.weft cancellation point}; a cancelled wait leaves the channel as it was.
     *
     * @throws IllegalStateException if another task already waits on the same side
     * @throws IOException if the channel is closed
     */
    public void awaitReady(TaskCore task, SelectableChannel channel, int ops) throws IOException {
        task.checkpoint();
        SelectionKey key = register(channel, ops);
        Interest interest = (Interest) key.attachment();
        boolean reading = (ops & READ_SIDE) != 0;
        if (reading ? interest.reader != null : interest.writer != null) {
            throw new IllegalStateException(task + " cannot wait to " + (reading ? "read" : "write")
                    + " " + channel + ": another task already does; one reader and one writer "
                    + "at a time");
        }
        var waiter = new Waiter(task, interest, 1);
        if (reading) {
            interest.reader = waiter;
        } else {
            interest.writer = waiter;
        }
        waiting++;
        try {
            Parking.await(waiter, -1);
            if (!key.isValid()) {
                throw new ClosedChannelException();
            }
        } finally {
            waiting--;
            if (reading) {
                interest.reader = null;   // read interest stays: the next read likely waits too
            } else {
                interest.writer = null;
                if (key.isValid()) {
                    key.interestOps(key.interestOps() & ~ops);   // a socket is nearly always
                }                                                 // writable: stop asking
            }
        }
    }

    /** Loop thread: stops watching {@code channel}, which is being closed. */
    void forget(SelectableChannel channel) {
        Selector current = selector;
        if (current == null) {
            return;
        }
        SelectionKey key = channel.keyFor(current);
        if (key != null) {
            key.cancel();
            Interest interest = (Interest) key.attachment();
            wake(interest.reader);
            wake(interest.writer);
        }
    }

    /** Loop thread: whether any task waits for readiness, so the loop must poll. */
    boolean anyWaiting() {
        return waiting > 0;
    }

    /** Loop thread, once per turn while tasks wait: wakes the tasks whose channels are ready. */
    void pollNow() {
        Selector current = selector;
        if (current == null || waiting == 0) {
            return;
        }
        try {
            current.selectNow();
        } catch (IOException e) {
            throw new UncheckedIOException("the selector of loop \"" + loop.name() + "\" failed",
                    e);
        }
        dispatch(current.selectedKeys());
    }

    /**
     * Loop thread, idle: waits in the selector until a channel is ready, another thread wakes
     * it, or {@code nanos} pass (negative: no limit).
     */
    void select(long nanos) {
        Selector current = selector;
        try {
            if (nanos < 0) {
                current.select();
            } else {
                current.select(Math.max(1, (nanos + 999_999) / 1_000_000));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the selector of loop \"" + loop.name() + "\" failed",
                    e);
        }
        Thread.interrupted();   // as in Waker.sleep: an idle carrier drops stray interrupts
        dispatch(current.selectedKeys());
    }

    /** Loop thread, closing: closes the selector. */
    void close() {
        Selector current = selector;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                loop.report("closing the selector of loop \"" + loop.name() + "\" failed", e);
            }
        }
    }

    private SelectionKey register(SelectableChannel channel, int ops) throws IOException {
        Selector current = selector;
        if (current == null) {
            current = Selector.open();
            selector = current;
        }
        SelectionKey key = channel.keyFor(current);
        if (key == null) {
            return channel.register(current, ops, new Interest(channel));
        }
        int interest = key.interestOps();
        if ((interest & ops) != ops) {
            key.interestOps(interest | ops);   // only a change costs a system call
        }
        return key;
    }

    private static void dispatch(Set<SelectionKey> ready) {
        if (ready.isEmpty()) {
            return;
        }
        for (SelectionKey key : ready) {
            Interest interest = (Interest) key.attachment();
            if (!key.isValid()) {
                wake(interest.reader);
                wake(interest.writer);
                continue;
            }
            int ops = key.readyOps();
            int stale = 0;   // ready sides nobody waits for: stop asking, or select would spin
            if ((ops & READ_SIDE) != 0) {
                if (interest.reader != null) {
                    interest.reader.grant();
                } else {
                    stale |= ops & READ_SIDE;
                }
            }
            if ((ops & WRITE_SIDE) != 0) {
                if (interest.writer != null) {
                    interest.writer.grant();
                }
                stale |= ops & WRITE_SIDE;
            }
            if (stale != 0) {
                key.interestOps(key.interestOps() & ~stale);
            }
        }
        ready.clear();
    }

    /** Wakes a waiter of a channel being closed: it finds the key invalid and fails. */
    private static void wake(Waiter waiter) {
        if (waiter != null) {
            waiter.grant();
        }
    }
}
