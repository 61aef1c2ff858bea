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

package example.consumer;

import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.queue.FifoQueue;
import dev.weft.queue.QueueShutdownException;
import dev.weft.sync.Lock;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A small program on Weft: producers and consumers on one loop, meeting at a bounded queue, with
 * a lock around the consumers' shared total.
 */
public final class Main {
    static final int PRODUCERS = 3;
    static final int ITEMS_PER_PRODUCER = 4;
    static final int CONSUMERS = 2;

    private Main() {}

    /** Runs the program and prints what it did, on one line. */
    public static void main(String[] args) {
        System.out.println(run());
    }

    /** Runs the program on a new loop and returns its one-line report. */
    static String run() {
        return Weft.run(() -> {
            var queue = new FifoQueue<Integer>(2);
            var total = new Total();
            List<Task<Void>> consumers = IntStream.rangeClosed(1, CONSUMERS)
                    .mapToObj(n -> Weft.spawn("consumer-" + n, () -> consume(queue, total)))
                    .toList();
            List<Task<Void>> producers = IntStream.rangeClosed(1, PRODUCERS)
                    .mapToObj(n -> Weft.spawn("producer-" + n, () -> produce(queue)))
                    .toList();
            Weft.joinAll(producers);
            queue.join();       // every item taken and counted
            queue.shutdown();   // the consumers' take() now ends them
            Weft.joinAll(consumers);
            return "weft-consumer: " + PRODUCERS + " producers and " + CONSUMERS
                    + " consumers moved " + total.items() + " items, sum " + total.sum();
        });
    }

    private static void produce(FifoQueue<Integer> queue) throws InterruptedException {
        for (int item = 1; item <= ITEMS_PER_PRODUCER; item++) {
            queue.put(item);   // waits while the queue is full
        }
    }

    private static void consume(FifoQueue<Integer> queue, Total total) throws InterruptedException {
        while (true) {
            int item;
            try {
                item = queue.take();
            } catch (QueueShutdownException e) {   // expected: the producers are done
                return;
            }
            total.add(item);
            queue.taskDone();
        }
    }

    /** The consumers' shared count and sum, kept correct by a lock across a switch. */
    private static final class Total {
        private final Lock lock = new Lock("total");
        private int items;   // guarded by lock
        private int sum;     // guarded by lock

        void add(int item) {
            lock.lock();
            try {
                int before = sum;
                Weft.yieldNow();   // another consumer runs here; the lock keeps its update out
                sum = before + item;
                items++;
            } finally {
                lock.unlock();
            }
        }

        int items() {
            lock.lock();
            try {
                return items;
            } finally {
                lock.unlock();
            }
        }

        int sum() {
            lock.lock();
            try {
                return sum;
            } finally {
                lock.unlock();
            }
        }
    }
}
