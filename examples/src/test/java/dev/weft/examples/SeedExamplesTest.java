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

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's examples interleave as coroutines do, and every line comes from one loop thread.
 * (These examples sleep for real, one second each, as the seed's do; no timing is asserted.)
 */
class SeedExamplesTest {

    private static void assertOneLoopThread(Transcript transcript) {
        assertThat(transcript.lines()).extracting(Transcript.Line::thread)
                .allMatch(name -> name.startsWith("weft-"))
                .containsOnly(transcript.lines().getFirst().thread());
    }

    @Test
    void tenGeventTasksAllStartBeforeAnyFinishes() {
        var transcript = new Transcript(null);
        GeventJoinAll.run(transcript);
        assertThat(transcript.texts()).containsExactlyElementsOf(concat(
                Collections.nCopies(10, "wusir is eating"),
                Collections.nCopies(10, "wusir finished eat")));
        assertOneLoopThread(transcript);
    }

    @Test
    void geventValuesAreReadAfterBothTasksFinish() {
        var transcript = new Transcript(null);
        assertThat(GeventValue.run(transcript)).isEqualTo("full and rested");
        assertThat(transcript.texts()).containsExactly("wusir is eating", "xiaomage is sleeping",
                "wusir finished eat", "xiaomage finished sleep", "values: full and rested");
        assertOneLoopThread(transcript);
    }

    @Test
    void oneAsyncioTaskStartsAndEnds() {
        var transcript = new Transcript(null);
        AsyncioOneTask.run(transcript);
        assertThat(transcript.texts()).containsExactly("start", "end");
        assertOneLoopThread(transcript);
    }

    @Test
    void threeAsyncioTasksOverlap() {
        var transcript = new Transcript(null);
        AsyncioWait.run(transcript);
        assertThat(transcript.texts()).containsExactly(
                "start", "start", "start", "end", "end", "end", "3 done, 0 pending");
        assertOneLoopThread(transcript);
    }

    @Test
    void asyncioTasksReturn123Each() {
        var transcript = new Transcript(null);
        assertThat(AsyncioResults.run(transcript)).containsExactly(123, 123);
        assertThat(transcript.texts()).containsExactly(
                "start", "start", "end", "end", "result: 123", "result: 123");
        assertOneLoopThread(transcript);
    }

    @Test
    void aTimeoutBoundsTheSlowDownloadAndAFailingChildCancelsItsSibling() {
        var transcript = new Transcript(null);
        assertThat(TimeoutsAndGroups.run(transcript))
                .containsExactly("fast", "medium", "slow (timed out)");
        assertThat(transcript.texts()).containsExactly(
                "fast: started", "medium: started", "slow: started",
                "fast: done", "medium: done",
                "slow: cancelled, cleaning up", "slow: gave up after 800 ms",
                "pages: [fast, medium, slow (timed out)]",
                "sibling: started", "sibling: cancelled, cleaning up",
                "group failed: broken download");
        assertOneLoopThread(transcript);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    void aLockPreventsTheLostUpdateAndADeadlockIsReportedNotWaitedOut() {
        var transcript = new Transcript(null);
        assertThat(LocksAndDeadlocks.run(transcript)).isZero();
        assertThat(transcript.texts()).containsExactly(
                "without a lock 10 buyers leave 9 of 10 tickets (wrong)",
                "with a Lock 10 buyers leave 0 of 10 tickets",
                "Lock acquired twice: Lock \"mutex\" is not reentrant and task \"main\" already "
                        + "holds it; use RLock to acquire it again",
                "RLock acquired twice, hold count 2",
                "reported: deadlock: task \"alex\" waits on Lock \"fork\"[held by task "
                        + "\"wusir\", 1 waiting], held by task \"wusir\"; task \"wusir\" waits "
                        + "on Lock \"noodles\"[held by task \"alex\", 1 waiting], held by task "
                        + "\"alex\"",
                "wusir ate, once the other let go",
                "same lock order: both ate, 2 of 2 done",
                "tryLock for 20 ms while another holds it: false",
                "tryLock once it is free: true");
        assertOneLoopThread(transcript);
    }

    @Test
    void theThreeQueuesHandOutTheSameItemsInTheirOwnOrders() {
        var transcript = new Transcript(null);
        var orders = QueueOrders.run(transcript);
        assertThat(orders.get("Queue")).extracting(QueueOrders.Job::name)
                .containsExactly("wash", "cook", "rest", "shop");
        assertThat(orders.get("LifoQueue")).extracting(QueueOrders.Job::name)
                .containsExactly("shop", "rest", "cook", "wash");
        assertThat(orders.get("PriorityQueue")).extracting(QueueOrders.Job::name)
                .containsExactly("cook", "shop", "wash", "rest");
    }

    @Test
    void everyDishIsEatenOnceBeforeTheEatersLeave() {
        var transcript = new Transcript(null);
        var eaten = ProducerConsumer.run(transcript);
        assertThat(eaten.stream().flatMap(List::stream).toList()).hasSize(8)
                .doesNotHaveDuplicates();
        var texts = transcript.texts();
        assertThat(texts).filteredOn(text -> text.contains(" served ")).hasSize(8);
        int joined = texts.indexOf("every dish eaten; closing the table");
        assertThat(texts.indexOf("cooks done; waiting until every dish is eaten"))
                .isLessThan(joined);
        assertThat(texts.subList(joined + 1, texts.size())).hasSize(3)
                .allMatch(text -> text.contains(" leaves after "));
        assertOneLoopThread(transcript);
    }

    @Test
    void poolsRunBlockingWorkOffTheLoopAndKeepToTheirBounds() {
        var transcript = new Transcript(null);
        var outcome = PoolsAndOffload.run(transcript);
        assertThat(outcome.squares()).containsExactly(1, 4, 9, 16, 25, 36, 49, 64);
        assertThat(outcome.fileText()).startsWith("file I/O blocks a carrier");
        assertThat(outcome.mostFetchesAtOnce()).isEqualTo(3);
        assertThat(outcome.loopsUsed()).isEqualTo(2);
        assertThat(transcript.texts()).contains("callback: the last job gave 64",
                "8 jobs of 100 ms on 4 workers: [1, 4, 9, 16, 25, 36, 49, 64]",
                "9 pages fetched, at most 3 at once", "4 CPU-bound tasks ran on 2 loops");
    }

    @Test
    void theWatchdogReportsTheParseOnTheLoopAndTheDumpShowsEveryWaiter() {
        var transcript = new Transcript(null);
        var outcome = SeeingInside.run(transcript);
        assertThat(transcript.texts()).filteredOn(text -> text.startsWith("watchdog: "))
                .anySatisfy(text -> assertThat(text).startsWith(
                        "watchdog: task \"parser-on-loop\" has held loop \"inside\""))
                .noneSatisfy(text -> assertThat(text).contains("parser-offloaded"));
        assertThat(outcome.blocking())
                .anySatisfy(site -> assertThat(site.site()).contains("SeeingInside.parse"));
        assertThat(outcome.dump().tasks()).singleElement().satisfies(main ->
                assertThat(main.children()).extracting(dev.weft.TaskDump.Node::waitingFor)
                        .containsExactlyInAnyOrder(
                                "waiting on Lock \"accounts\"[held by task \"main\", 1 waiting]",
                                "waiting on FifoQueue[0 items, 0 unfinished, 1 takers and 0 "
                                        + "putters waiting]",
                                "sleeping (Weft.sleep)"));
    }

    @Test
    void theEchoServerAnswersAndEveryChatMemberHearsTheOthers() {
        var transcript = new Transcript(null);
        var heard = EchoAndChat.run(transcript);
        assertThat(transcript.texts().getFirst())
                .isEqualTo("the echo server answered [ni hao, hello, bonjour]");
        assertThat(heard.get("alex")).containsExactly("wusir: hi from wusir",
                "taibai: hi from taibai");
        assertThat(heard.get("wusir")).containsExactly("alex: hi from alex",
                "taibai: hi from taibai");
        assertThat(heard.get("taibai")).containsExactly("alex: hi from alex",
                "wusir: hi from wusir");
        assertOneLoopThread(transcript);
    }

    @Test
    void childProcessesOverlapTheFileLockKeepsEveryUpdateAndItemsCrossProcesses() {
        var transcript = new Transcript(null);
        Multiprocessing.Outcome outcome = Multiprocessing.run(transcript);
        assertThat(outcome.workers()).hasSize(3)
                .allSatisfy(line -> assertThat(line).contains("done in process"));
        assertThat(outcome.withLock()).isEqualTo(Multiprocessing.COUNTERS * Multiprocessing.ROUNDS);
        assertThat(outcome.withoutLock()).isBetween(1,
                Multiprocessing.COUNTERS * Multiprocessing.ROUNDS);
        assertThat(outcome.items()).hasSize(5).first().asString().startsWith("item 1");
    }

    @Test
    void producerAndConsumerProcessesShareOneRedisQueueAndHandleEveryOrderOnce()
            throws Exception {
        var transcript = new Transcript(null);
        DistributedQueue.Outcome outcome = DistributedQueue.runWithOwnRedis(transcript);
        assertThat(outcome).as("redis-server must be installed (./weft test installs it)")
                .isNotNull();
        int all = DistributedQueue.PRODUCERS * DistributedQueue.ORDERS_EACH;
        assertThat(outcome.handled()).isEqualTo(all);
        assertThat(outcome.twice()).isZero();
        assertThat(outcome.perConsumer().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(all);
    }
}
