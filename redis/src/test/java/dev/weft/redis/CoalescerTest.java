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

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Task;
import dev.weft.Weft;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescerTest {

    /** A sender whose round trip takes 1 ms of the loop's time, recording its batches. */
    private static final class RecordingSender implements Coalescer.Sender<Integer, String> {
        final List<List<Integer>> batches = new ArrayList<>();
        Integer failOn;

        @Override
        public List<String> send(List<Integer> items) throws IOException {
            batches.add(List.copyOf(items));
            Weft.sleep(Duration.ofMillis(1));
            if (failOn != null && items.contains(failOn)) {
                throw new IOException("the batch with " + failOn + " failed");
            }
            return items.stream().map(item -> "result " + item).toList();
        }
    }

    @Test
    void callsMadeWhileABatchIsOnItsWayGoTogetherInTheNextAndEachGetsItsOwnResult() {
        var sender = new RecordingSender();
        List<String> results = Weft.run(() -> {
            var coalescer = new Coalescer<>(512, sender);
            var tasks = new ArrayList<Task<String>>();
            for (int i = 0; i < 100; i++) {
                int item = i;
                tasks.add(Weft.spawn(() -> coalescer.call(item)));
            }
            return tasks.stream().map(Task::result).toList();
        });
        for (int i = 0; i < 100; i++) {
            assertThat(results.get(i)).isEqualTo("result " + i);
        }
        // The first caller lets the others call before it sends: one round trip for all.
        assertThat(sender.batches).hasSize(1);
        assertThat(sender.batches.getFirst()).hasSize(100);
    }

    @Test
    void aBatchNeverExceedsItsLimit() {
        var sender = new RecordingSender();
        Weft.run(() -> {
            var coalescer = new Coalescer<>(10, sender);
            var tasks = new ArrayList<Task<String>>();
            for (int i = 0; i < 35; i++) {
                int item = i;
                tasks.add(Weft.spawn(() -> coalescer.call(item)));
            }
            tasks.forEach(Task::result);
            return null;
        });
        assertThat(sender.batches).allMatch(batch -> batch.size() <= 10);
        assertThat(sender.batches.stream().mapToInt(List::size).sum()).isEqualTo(35);
    }

    @Test
    void aFailedBatchFailsEveryCallInItAndLaterCallsGoOn() {
        var sender = new RecordingSender();
        sender.failOn = 5;
        List<String> outcomes = Weft.run(() -> {
            var coalescer = new Coalescer<>(512, sender);
            var tasks = new ArrayList<Task<String>>();
            for (int i = 0; i < 10; i++) {
                int item = i;
                tasks.add(Weft.spawn(() -> {
                    try {
                        return coalescer.call(item);
                    } catch (IOException e) {
                        return "failed: " + e.getMessage();
                    }
                }));
            }
            var outcome = new ArrayList<String>();
            tasks.forEach(task -> outcome.add(task.result()));
            outcome.add(coalescer.call(42));   // after the failure, a new batch works
            return outcome;
        });
        assertThat(outcomes.subList(0, 10)).allMatch(text -> text.equals(
                "failed: the batch with 5 failed"));
        assertThat(outcomes.getLast()).isEqualTo("result 42");
    }

    @Test
    void aCallerCancelledWhileItWaitsHoldsNobodyUp() {
        var sender = new RecordingSender();
        List<String> results = Weft.run(() -> {
            var coalescer = new Coalescer<>(512, sender);
            Task<String> first = Weft.spawn(() -> coalescer.call(1));
            while (sender.batches.isEmpty()) {
                Weft.yieldNow();   // until the first call's batch is on its way
            }
            Task<String> doomed = Weft.spawn(() -> coalescer.call(2));
            Task<String> third = Weft.spawn(() -> coalescer.call(3));
            Weft.yieldNow();   // both wait for the next batch
            doomed.cancel();
            doomed.join();
            assertThat(doomed.isCancelled()).isTrue();
            return List.of(first.result(), third.result());
        });
        assertThat(results).containsExactly("result 1", "result 3");
        assertThat(sender.batches).containsExactly(List.of(1), List.of(3));
    }

    @Test
    void whenTheSendingTaskIsCancelledTheOthersInItsBatchLearnTheOutcomeIsUnknown() {
        var sender = new RecordingSender();
        String outcome = Weft.run(() -> {
            var coalescer = new Coalescer<>(512, sender);
            Task<String> sending = Weft.spawn(() -> coalescer.call(1));
            Task<String> riding = Weft.spawn(() -> {
                try {
                    return coalescer.call(2);
                } catch (IOException e) {
                    return e.getMessage();
                }
            });
            while (sender.batches.isEmpty()) {
                Weft.yieldNow();   // until both are in the batch on its way
            }
            sending.cancel();
            sending.join();
            assertThat(sending.isCancelled()).isTrue();
            return riding.result();
        });
        assertThat(sender.batches).containsExactly(List.of(1, 2));
        assertThat(outcome).contains("cut short").contains("may or may not have applied it");
    }
}
