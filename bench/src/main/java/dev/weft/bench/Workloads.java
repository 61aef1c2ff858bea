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

package dev.weft.bench;

import dev.weft.Task;
import dev.weft.Weft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workloads of the benchmark contract, each for Weft (one loop) and for JDK virtual threads
 * (run from a virtual thread, so with one carrier everything happens on one thread, as on a
 * loop). Each returns its wall time in nanoseconds, measured inside the process.
 */
public final class Workloads {
    private Workloads() {}

    /** W1: spawn {@code n} trivial tasks, then join them all. */
    public static long spawnAndJoin(Engine engine, int n) throws Exception {
        return switch (engine) {
            case WEFT -> Weft.run(() -> {
                long start = System.nanoTime();
                var tasks = new ArrayList<Task<Integer>>(n);
                for (int i = 0; i < n; i++) {
                    tasks.add(Weft.spawn(Workloads::one));
                }
                long sum = 0;
                for (Task<Integer> task : tasks) {
                    sum += task.result();
                }
                check(sum == n, "W1 lost tasks");
                return System.nanoTime() - start;
            });
            case JDK -> onVirtualThread(() -> {
                long start = System.nanoTime();
                var threads = new ArrayList<Thread>(n);
                // Atomic because, outside the runner, the default scheduler may use several
                // carriers; uncontended on one carrier, so it costs next to nothing there.
                var counter = new AtomicInteger();
                for (int i = 0; i < n; i++) {
                    threads.add(Thread.ofVirtual().start(() -> counter.addAndGet(one())));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                check(counter.get() == n, "W1 lost threads");
                return System.nanoTime() - start;
            });
        };
    }

    private static int one() {
        return 1;
    }

    /**
     * W2: {@code n} tasks each sleep {@code sleep} at once, then all are joined. When
     * {@code measureHeap} is set, each task also counts down a latch as it goes to sleep, and
     * the retained heap per sleeping task is measured (with full collections) once all sleep,
     * and returned instead of the wall time.
     */
    public static long sleepers(Engine engine, int n, Duration sleep, boolean measureHeap)
            throws Exception {
        return switch (engine) {
            case WEFT -> Weft.run(() -> {
                long baseline = measureHeap ? ProcessMemory.heapAfterGc() : 0;
                long start = System.nanoTime();
                var asleep = new CountDownLatch(measureHeap ? n : 0);
                var tasks = new ArrayList<Task<Void>>(n);
                for (int i = 0; i < n; i++) {
                    tasks.add(Weft.spawn(measureHeap ? () -> {
                        asleep.countDown();
                        Weft.sleep(sleep);
                    } : () -> Weft.sleep(sleep)));
                }
                long perTask = measureHeap ? heapPerTask(asleep, baseline, n) : 0;
                Weft.joinAll(tasks);
                return measureHeap ? perTask : System.nanoTime() - start;
            });
            case JDK -> onVirtualThread(() -> {
                long baseline = measureHeap ? ProcessMemory.heapAfterGc() : 0;
                long start = System.nanoTime();
                var asleep = new CountDownLatch(measureHeap ? n : 0);
                var threads = new ArrayList<Thread>(n);
                for (int i = 0; i < n; i++) {
                    threads.add(Thread.ofVirtual().start(() -> {
                        if (measureHeap) {
                            asleep.countDown();
                        }
                        try {
                            Thread.sleep(sleep);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                long perTask = measureHeap ? heapPerTask(asleep, baseline, n) : 0;
                for (Thread thread : threads) {
                    thread.join();
                }
                return measureHeap ? perTask : System.nanoTime() - start;
            });
        };
    }

    private static long heapPerTask(CountDownLatch asleep, long baseline, int n)
            throws InterruptedException {
        asleep.await();
        Thread.yield();   // the last one to count down goes to sleep too
        return (ProcessMemory.heapAfterGc() - baseline) / n;
    }

    /**
     * W3: two tasks pass a token back and forth {@code n} times through two
     * {@link ArrayBlockingQueue}s.
     */
    public static long pingPong(Engine engine, int n) throws Exception {
        return pingPong(engine, PingPongQueue.ARRAY, n);
    }

    /** W3: two tasks pass a token back and forth {@code n} times through two queues. */
    public static long pingPong(Engine engine, PingPongQueue kind, int n) throws Exception {
        return switch (engine) {
            case WEFT -> Weft.run(() -> {
                var ping = kind.create();
                var pong = kind.create();
                long start = System.nanoTime();
                Task<Void> echo = Weft.spawn(() -> echo(ping, pong, n));
                serve(ping, pong, n);
                echo.join();
                return System.nanoTime() - start;
            });
            case JDK -> onVirtualThread(() -> {
                var ping = kind.create();
                var pong = kind.create();
                long start = System.nanoTime();
                Thread echo = Thread.ofVirtual().start(() -> {
                    try {
                        echo(ping, pong, n);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                serve(ping, pong, n);
                echo.join();
                return System.nanoTime() - start;
            });
        };
    }

    private static void serve(BlockingQueue<Integer> ping, BlockingQueue<Integer> pong, int n)
            throws InterruptedException {
        Integer token = 0;
        for (int i = 0; i < n; i++) {
            ping.put(token);
            token = pong.take();
        }
    }

    private static void echo(BlockingQueue<Integer> ping, BlockingQueue<Integer> pong, int n)
            throws InterruptedException {
        for (int i = 0; i < n; i++) {
            pong.put(ping.take());
        }
    }

    /** Runs {@code body} in a virtual thread of the default scheduler and returns its value. */
    private static long onVirtualThread(java.util.concurrent.Callable<Long> body) throws Exception {
        var result = new long[1];
        var failure = new Exception[1];
        Thread.ofVirtual().start(() -> {
            try {
                result[0] = body.call();
            } catch (Exception e) {
                failure[0] = e;
            }
        }).join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
