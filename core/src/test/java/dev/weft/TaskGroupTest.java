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

import java.util.concurrent.Future;
import static dev.weft.Outcomes.failureOf;
import dev.weft.test.RecordingHandler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.test.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TaskGroupTest {

    /** A child body that sleeps until it is cancelled, then records {@code event}. */
    private static Action sleepsUntilCancelled(List<String> events, String event) {
        return () -> {
            try {
                Weft.sleep(Duration.ofHours(1));
            } finally {
                events.add(event);
            }
        };
    }

    @Test
    void closeWaitsForEveryChild() {
        var events = new ArrayList<String>();
        VirtualClock.run(() -> {
            try (var group = TaskGroup.open()) {
                group.spawn(() -> {
                    Weft.sleep(Duration.ofSeconds(2));
                    events.add("slow child");
                });
                group.spawn(() -> {
                    Weft.sleep(Duration.ofSeconds(1));
                    events.add("quick child");
                });
            }
            events.add("after the group");
            return null;
        });
        assertThat(events).containsExactly("quick child", "slow child", "after the group");
    }

    @Test
    void theFirstFailureCancelsTheSiblingsAndIsThrownWithTheOthersSuppressed() {
        var events = new CopyOnWriteArrayList<String>();
        VirtualClock.run(() -> {
            assertThatThrownBy(() -> {
                try (var group = TaskGroup.open()) {
                    group.spawn("sibling", sleepsUntilCancelled(events, "sibling cancelled"));
                    group.spawn("first", () -> {
                        Weft.sleep(Duration.ofSeconds(1));
                        throw new IllegalStateException("first failure");
                    });
                    group.spawn("second", () -> {
                        // Fails while it is being cancelled: a second, suppressed failure.
                        try {
                            Weft.sleep(Duration.ofHours(1));
                        } finally {
                            failWith("second failure");
                        }
                    });
                }
            }).isInstanceOf(IllegalStateException.class)
                    .hasMessage("first failure")
                    .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                            .satisfies(s -> assertThat(s).hasMessage("second failure")));
            return null;
        });
        assertThat(events).containsExactly("sibling cancelled");
    }

    @Test
    void failuresCollectedByTheGroupAreNotReportedAgain() {
        var problems = new RecordingHandler();
        try (var loop = new Loop(problems.options())) {
            loop.run(() -> {
                try (var group = TaskGroup.open()) {
                    group.spawn(() -> {
                        throw new IllegalStateException("handled by the group");
                    });
                } catch (IllegalStateException expected) {
                    // the group threw it to us
                }
                return null;
            });
        }
        assertThat(problems.reported()).isEmpty();
    }

    @Test
    void cancellingTheParentCancelsTheGroup() {
        var events = new CopyOnWriteArrayList<String>();
        VirtualClock.run(() -> {
            Task<Void> parent = Weft.spawn("parent", () -> {
                try (var group = TaskGroup.open()) {
                    for (String name : List.of("a", "b")) {
                        group.spawn(name, sleepsUntilCancelled(events, name + " cleaned up"));
                    }
                }
                events.add("unreachable");
            });
            Weft.yieldNow();   // the parent opens the group and spawns
            Weft.yieldNow();   // the children start and sleep
            parent.cancel();
            parent.join();
            assertThat(parent.state()).isEqualTo(Future.State.CANCELLED);
            return null;
        });
        assertThat(events).containsExactlyInAnyOrder("a cleaned up", "b cleaned up");
    }

    @Test
    void cancellingTheParentWhileItsBodyRunsCancelsTheChildrenToo() {
        var events = new CopyOnWriteArrayList<String>();
        VirtualClock.run(() -> {
            Task<Void> parent = Weft.spawn(() -> {
                try (var group = TaskGroup.open()) {
                    group.spawn(sleepsUntilCancelled(events, "child cleaned up"));
                    Weft.sleep(Duration.ofHours(1));   // the body itself waits
                }
            });
            Weft.yieldNow();
            Weft.yieldNow();
            parent.cancel();
            parent.join();
            assertThat(parent.state()).isEqualTo(Future.State.CANCELLED);
            return null;
        });
        assertThat(events).containsExactly("child cleaned up");
    }

    @Test
    void groupsNest() {
        var events = new CopyOnWriteArrayList<String>();
        VirtualClock.run(() -> {
            assertThatThrownBy(() -> {
                try (var outer = TaskGroup.open()) {
                    outer.spawn("inner-owner", () -> {
                        try (var inner = TaskGroup.open()) {
                            inner.spawn(sleepsUntilCancelled(events, "grandchild cleaned up"));
                        }
                    });
                    outer.spawn(() -> {
                        Weft.sleep(Duration.ofSeconds(1));
                        throw new IllegalStateException("outer child failed");
                    });
                }
            }).hasMessage("outer child failed");
            return null;
        });
        assertThat(events).containsExactly("grandchild cleaned up");
    }

    @Test
    void childrenRecordTheGroupOwnerAsTheirParent() {
        VirtualClock.run(() -> {
            try (var group = TaskGroup.open()) {
                Task<Integer> child = group.spawn(() -> 1);
                assertThat(child.core.parent()).isSameAs(Weft.current().core);
            }
            return null;
        });
    }

    @Test
    void spawningIntoAClosedGroupIsAClearError() {
        VirtualClock.run(() -> {
            TaskGroup closed;
            try (var group = TaskGroup.open()) {
                closed = group;
            }
            assertThatThrownBy(() -> closed.spawn(() -> 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the task group of task \"main\" is closed; spawn its children "
                            + "before close()");
            return null;
        });
    }

    @Test
    void onlyTheOwnerMayCloseTheGroup() {
        VirtualClock.run(() -> {
            try (var group = TaskGroup.open()) {
                Task<Void> stranger = Weft.spawn("stranger", group::close);
                stranger.join();
                assertThat(failureOf(stranger))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("a TaskGroup must be closed by the task that opened it "
                                + "(\"main\"), not by task \"stranger\"");
            }
            return null;
        });
    }

    @Test
    void cancelStopsTheChildrenButNotTheBody() {
        var events = new CopyOnWriteArrayList<String>();
        VirtualClock.run(() -> {
            try (var group = TaskGroup.open()) {
                Task<Void> child = group.spawn(() -> Weft.sleep(Duration.ofHours(1)));
                Weft.yieldNow();
                group.cancel();
                child.join();
                events.add("child " + child.state());
            }
            events.add("body went on");
            return null;
        });
        assertThat(events).containsExactly("child CANCELLED", "body went on");
    }

    @Test
    void aCancelledChildDoesNotFailTheGroup() {
        VirtualClock.run(() -> {
            try (var group = TaskGroup.open()) {
                Task<Void> child = group.spawn(() -> Weft.sleep(Duration.ofHours(1)));
                Weft.yieldNow();
                child.cancel();
            }
            return null;
        });
    }

    @Test
    void ownerCancelledWhileClosingThrowsCancellation() {
        VirtualClock.run(() -> {
            Task<Void> owner = Weft.spawn(() -> {
                try (var group = TaskGroup.open()) {
                    group.spawn(() -> Weft.sleep(Duration.ofHours(1)));
                }
            });
            Weft.yieldNow();
            Weft.yieldNow();
            owner.cancel();
            owner.join();
            assertThat(failureOf(owner)).isInstanceOf(CancellationException.class);
            return null;
        });
    }

    @Test
    void runReturnsTheBodysValueOnceEveryChildHasFinished() {
        var events = new CopyOnWriteArrayList<String>();
        String value = VirtualClock.run(() -> TaskGroup.run(group -> {
            group.spawn(() -> {
                Weft.sleep(Duration.ofSeconds(2));
                events.add("child done");
            });
            events.add("body done");
            return "value";
        }));
        assertThat(value).isEqualTo("value");
        assertThat(events).containsExactly("body done", "child done");
    }

    @Test
    void inRunAFailingChildCancelsTheWaitingBodyAndItsFailureIsThrown() {
        var events = new CopyOnWriteArrayList<String>();
        VirtualClock.run(() -> {
            assertThatThrownBy(() -> TaskGroup.run(group -> {
                group.spawn(() -> {
                    Weft.sleep(Duration.ofSeconds(1));
                    throw new IllegalStateException("child failed");
                });
                try {
                    Weft.sleep(Duration.ofHours(1));   // waits for what the child would give
                    return "unreachable";
                } finally {
                    events.add("body cancelled");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("child failed");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            return null;
        });
        assertThat(events).containsExactly("body cancelled");
    }

    @Test
    void inRunAFailingBodyCancelsTheChildrenAndItsExceptionIsThrown() {
        var events = new CopyOnWriteArrayList<String>();
        VirtualClock.run(() -> {
            assertThatThrownBy(() -> TaskGroup.run(group -> {
                group.spawn(sleepsUntilCancelled(events, "child cancelled"));
                Weft.yieldNow();
                throw new java.io.IOException("body failed");
            })).isInstanceOf(java.io.IOException.class).hasMessage("body failed");
            return null;
        });
        assertThat(events).containsExactly("child cancelled");
    }

    @Test
    void inRunABodyFailureCarriesTheChildrensFailuresAsSuppressed() {
        VirtualClock.run(() -> {
            assertThatThrownBy(() -> TaskGroup.run(group -> {
                group.spawn(() -> {
                    try {
                        Weft.sleep(Duration.ofHours(1));
                    } finally {
                        failWith("child failed while cancelled");
                    }
                });
                Weft.yieldNow();
                throw new IllegalStateException("body failed");
            })).isInstanceOf(IllegalStateException.class)
                    .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                            .satisfies(s -> assertThat(s)
                                    .hasMessage("child failed while cancelled")));
            return null;
        });
    }

    @Test
    void cancellingTheOwnerOfRunCancelsBodyAndChildren() {
        var events = new CopyOnWriteArrayList<String>();
        VirtualClock.run(() -> {
            Task<Object> owner = Weft.spawn(() -> TaskGroup.run(group -> {
                group.spawn(sleepsUntilCancelled(events, "child cancelled"));
                try {
                    Weft.sleep(Duration.ofHours(1));
                    return null;
                } finally {
                    events.add("body cancelled");
                }
            }));
            Weft.yieldNow();
            Weft.yieldNow();
            owner.cancel();
            owner.join();
            assertThat(owner.state()).isEqualTo(Future.State.CANCELLED);
            return null;
        });
        assertThat(events).containsExactlyInAnyOrder("body cancelled", "child cancelled");
    }

    @Test
    void runGroupsNestAndAGrandchildFailureReachesTheTop() {
        VirtualClock.run(() -> {
            assertThatThrownBy(() -> TaskGroup.run(outer -> {
                outer.spawn(() -> TaskGroup.run(inner -> {
                    inner.spawn(() -> {
                        Weft.sleep(Duration.ofSeconds(1));
                        throw new IllegalStateException("grandchild failed");
                    });
                    Weft.sleep(Duration.ofHours(1));
                    return null;
                }));
                Weft.sleep(Duration.ofHours(1));
                return null;
            })).isInstanceOf(IllegalStateException.class).hasMessage("grandchild failed");
            return null;
        });
    }

    @Test
    void anotherThreadCanSpawnIntoAGroupAndItsChildrenRunOnTheOwnersLoop() {
        var carriers = new CopyOnWriteArrayList<String>();
        try (var loop = new Loop(LoopOptions.defaults().withName("owner-loop"))) {
            loop.run(() -> {
                try (var group = TaskGroup.open()) {
                    Thread outsider = Thread.ofPlatform().start(() -> group.spawn(
                            () -> carriers.add(LoopTest.carrierOf(Thread.currentThread()))));
                    outsider.join();
                }
                return null;
            });
        }
        assertThat(carriers).containsExactly("owner-loop");
    }

    /** A cleanup that fails, as a child's {@code finally} block may. */
    private static void failWith(String message) {
        throw new IllegalArgumentException(message);
    }
}
