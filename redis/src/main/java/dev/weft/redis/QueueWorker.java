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

package dev.weft.redis;

import dev.weft.Loop;
import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.queue.QueueShutdownException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * Consumes a {@link RedisQueue} with {@code concurrency} handler tasks, each taking an entry,
 * running the handler on it, and taking the next. It acknowledges each entry whose handler
 * returns and gives up each whose handler throws (recording the failure, which is also reported
 * to the loop's exception handler, so that none goes unseen). Every thousand acknowledgements
 * it {@linkplain RedisQueue#trim() trims} the stream. {@link #close(Duration)} stops gracefully.
 *
 * {@snippet :
 * try (var worker = jobs.consume(8, job -> resize(job.value()))) {
 *     stop.await();                     // until the process is asked to stop
 * }                                     // finishes in-flight work within 10 s
 * }
 *
 * @param <T> the item type
 */
public final class QueueWorker<T> implements AutoCloseable {
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private static final int TRIM_EVERY = 1000;

    private final RedisQueue<T> queue;
    private final DeliveryHandler<T> handler;
    private final Loop loop;
    private final List<Task<Void>> handlers = new ArrayList<>();
    private long handled;   // the loop only
    private long failed;    // the loop only
    private long sinceTrim; // the loop only: acknowledgements since the stream was trimmed
    private boolean closed;

    private QueueWorker(RedisQueue<T> queue, int concurrency, DeliveryHandler<T> handler) {
        this.queue = queue;
        this.handler = handler;
        this.loop = Loop.current();
        for (int i = 0; i < concurrency; i++) {
            handlers.add(loop.spawn("handler " + (i + 1) + " of " + queue.stream(),
                    this::takeAndHandle));
        }
    }

    static <T> QueueWorker<T> start(RedisQueue<T> queue, int concurrency,
            DeliveryHandler<T> handler) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1; got "
                    + concurrency);
        }
        return new QueueWorker<>(queue, concurrency, java.util.Objects.requireNonNull(handler,
                "handler"));
    }

    /** Returns how many entries the handler finished and were acknowledged. */
    public long handled() {
        return handled;
    }

    /** Returns how many times the handler failed. */
    public long failed() {
        return failed;
    }

    /**
     * Waits until the worker has stopped: after {@link #close}, or when taking failed for good
     * (Redis unreachable beyond its reconnect time), which it then throws. This is a
     * cancellation point.
     */
    public void join() throws IOException {
        for (Task<Void> task : handlers) {
            task.join();
        }
        for (Task<Void> task : handlers) {
            if (task.state() == java.util.concurrent.Future.State.FAILED) {
                Throwable failure = task.exceptionNow();
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw new IOException("a handler task of " + queue.stream() + " failed",
                        failure);
            }
        }
    }

    /**
     * Stops: takes no more, lets the handlers in flight finish for up to {@code grace} (on the
     * loop's clock), then cancels the rest, whose entries are given up for other consumers at
     * once; closes the queue in this process. This is a cancellation point only in its grace.
     */
    public void close(Duration grace) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        // Shut down first: a take blocked in Redis ends cleanly, what was read and not handed
        // out is given up at once, and each handler ends after the entry it works on.
        try {
            Weft.shield(() -> {
                queue.shutdown();
                return null;
            });
        } catch (IOException e) {
            failure = e;
        }
        try {
            Weft.timeout(grace, () -> {
                handlers.forEach(Task::join);
                return null;
            });
        } catch (TimeoutException graceOver) {
            // the handlers still working are cancelled below
        } finally {
            // Also when this task is cancelled in the grace: no handler outlives the close.
            Weft.shield(() -> {
                handlers.forEach(Task::cancel);
                handlers.forEach(Task::join);
                return null;
            });
            try {
                queue.close();   // gives up whatever is held: in-flight work that was cancelled
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops with a grace of 10 s; see {@link #close(Duration)}. */
    @Override
    public void close() throws IOException {
        close(DEFAULT_GRACE);
    }

    @Override
    public String toString() {
        return "QueueWorker[" + queue.stream() + ", " + handlers.size() + " handlers, " + handled
                + " handled, " + failed + " failed" + (closed ? ", closed" : "") + "]";
    }

    /** One handler task: takes and handles until the queue is shut down in this process. */
    private void takeAndHandle() throws IOException {
        try {
            while (true) {
                handle(queue.take());
            }
        } catch (QueueShutdownException stopped) {
            // shut down in this process: nothing more to take
        } catch (IOException | RuntimeException e) {   // join() throws it too; said at once
            if (!closed) {
                loop.report("a handler task of " + queue.stream() + " stopped: taking failed",
                        e);
            }
            throw e;
        }
    }

    private void handle(Delivery<T> delivery) throws IOException {
        try {
            handler.handle(delivery);
        } catch (CancellationException cancelled) {
            throw cancelled;   // the queue's close gives the entry up
        } catch (Throwable e) {
            failed++;
            boolean last = delivery.deliveries() >= queue.maxDeliveries();
            loop.report("the handler of " + queue.stream() + " failed on entry " + delivery.id()
                    + " (delivery " + delivery.deliveries() + " of at most "
                    + queue.maxDeliveries() + "); " + (last ? "it goes to the dead-letter stream"
                    : "it is given up for another delivery"), e);
            try {
                delivery.fail(e);
            } catch (IOException | RuntimeException recording) {   // the lease still runs out
                loop.report("giving up entry " + delivery.id() + " of " + queue.stream()
                        + " failed; it is delivered again once its lease runs out", recording);
            }
            return;
        }
        if (!delivery.isSettled()) {
            delivery.ackLater();   // the handler goes on; close() waits for the last ones
        }
        handled++;
        if (++sinceTrim >= TRIM_EVERY) {   // so that a long-running stream does not grow
            sinceTrim = 0;
            try {
                queue.trim();
            } catch (IOException | RedisErrorException e) {   // the next thousand try again
                loop.report("trimming " + queue.stream() + " failed", e);
            }
        }
    }
}
