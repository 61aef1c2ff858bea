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

import dev.weft.Task;
import dev.weft.Weft;
import dev.weft.queue.FifoQueue;
import dev.weft.queue.QueueShutdownException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's producer–consumer model: two producers ("cooks") put dishes into a bounded queue,
 * three consumers ("eaters") take them. The producers block while the queue is full, the
 * consumers while it is empty; {@code join()} tells when every dish was eaten, and
 * {@code shutdown()} ends the consumers.
 *
 * <p>Python: {@code q = queue.Queue(3)}, {@code q.put(dish)}, {@code q.get()},
 * {@code q.task_done()}, {@code q.join()}, {@code q.shutdown()}.
 */
public final class ProducerConsumer {
    private ProducerConsumer() {}

    /** Runs the example; returns the dishes each eater ate. */
    public static List<List<String>> run(Transcript transcript) {
        return Weft.run(() -> {
            var table = new FifoQueue<String>(3);
            var cooks = new ArrayList<Task<Void>>();
            for (String cook : List.of("alex", "wusir")) {
                cooks.add(Weft.spawn(cook, () -> {
                    for (int i = 1; i <= 4; i++) {
                        Weft.sleep(Duration.ofMillis(30));           // cooking
                        String dish = cook + "'s dish " + i;
                        table.put(dish);                             // waits while full
                        transcript.say(cook + " served " + dish);
                    }
                }));
            }
            var eaters = new ArrayList<Task<List<String>>>();
            for (String eater : List.of("taibai", "nvshen", "xiaomage")) {
                eaters.add(Weft.spawn(eater, () -> {
                    var eaten = new ArrayList<String>();
                    try {
                        while (true) {
                            String dish = table.take();              // waits while empty
                            Weft.sleep(Duration.ofMillis(50));       // eating
                            eaten.add(dish);
                            table.taskDone();
                        }
                    } catch (QueueShutdownException closed) {
                        transcript.say(eater + " leaves after " + eaten.size() + " dishes");
                        return eaten;
                    }
                }));
            }
            Weft.joinAll(cooks);
            transcript.say("cooks done; waiting until every dish is eaten");
            table.join();
            transcript.say("every dish eaten; closing the table");
            table.shutdown();
            return Weft.gather(eaters);
        });
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
