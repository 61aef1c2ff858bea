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

import dev.weft.Weft;
import dev.weft.queue.FifoQueue;
import dev.weft.queue.JoinableQueue;
import dev.weft.queue.LifoQueue;
import dev.weft.queue.PriorityQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The seed's three thread queues: {@code queue.Queue} (first in, first out),
 * {@code queue.LifoQueue} (last in, first out) and {@code queue.PriorityQueue} (smallest first,
 * here by a priority number), each filled with the same items and then emptied.
 */
public final class QueueOrders {
    private QueueOrders() {}

    /** An item with a priority, as the seed's {@code (priority, data)} tuples. */
    record Job(int priority, String name) {
        @Override
        public String toString() {
            return "(" + priority + ", " + name + ")";
        }
    }

    /** Runs the example; returns, per queue kind, the order the items came out. */
    public static Map<String, List<Job>> run(Transcript transcript) {
        return Weft.run(() -> {
            var jobs = List.of(new Job(2, "wash"), new Job(1, "cook"), new Job(3, "rest"),
                    new Job(1, "shop"));
            var orders = new java.util.LinkedHashMap<String, List<Job>>();
            orders.put("Queue", drain(new FifoQueue<>(), jobs));
            orders.put("LifoQueue", drain(new LifoQueue<>(), jobs));
            orders.put("PriorityQueue", drain(
                    new PriorityQueue<>(Comparator.comparingInt(Job::priority)), jobs));
            orders.forEach((kind, order) -> transcript.say(kind + ": " + order));
            return orders;
        });
    }

    private static List<Job> drain(JoinableQueue<Job> queue, List<Job> jobs)
            throws InterruptedException {
        for (Job job : jobs) {
            queue.put(job);
        }
        var out = new ArrayList<Job>();
        while (!queue.isEmpty()) {
            out.add(queue.take());
        }
        return out;
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
