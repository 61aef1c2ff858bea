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
import java.nio.channels.SelectableChannel;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * What a loop owns besides its tasks: resources registered to close with it (its worker pool,
 * say), and the channels that servers, connections and sockets of {@code dev.weft.net} hold on
 * it. When the loop closes, after every task has ended, it closes the channels still open (and
 * reports each: the program should have closed it) and then the resources, newest first. Without
 * this a listening socket would outlive its loop and go on accepting connections that nobody
 * answers.
 *
 * <p>Not part of Weft's API.
 */
public final class LoopHoldings {
    private final LoopCore loop;
    private final Map<SelectableChannel, AutoCloseable> channels =
            new ConcurrentHashMap<>();                                    // any thread
    private final ConcurrentLinkedDeque<AutoCloseable> resources =
            new ConcurrentLinkedDeque<>();                                // any thread
    private volatile boolean closed;                                      // any thread

    LoopHoldings(LoopCore loop) {
        this.loop = loop;
    }

    /**
     * Any thread: closes {@code resource} when the loop closes.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the loop has closed; the
     *     resource was not taken
     */
    public void closeWith(AutoCloseable resource) {
        Objects.requireNonNull(resource, "resource");
        resources.addLast(resource);
        if (closed && resources.removeLastOccurrence(resource)) {
            throw loop.closedError();   // closeAll() may have drained the list already
        }
    }

    /** Any thread: {@code owner} (a server, connection or socket) opened {@code channel}. */
    public void own(SelectableChannel channel, AutoCloseable owner) {
        channels.put(channel, owner);
    }

    /**
     * Any thread: {@code channel} is being closed; the loop stops watching it and wakes a task
     * waiting on it, at once on the loop's thread or soon from any other.
     */
    public void forget(SelectableChannel channel) {
        channels.remove(channel);
        loop.runOnLoop(() -> loop.poller().forget(channel));
    }

    /** The closing thread, after every task ended: closes the channels, then the resources. */
    void closeAll() {
        closed = true;
        closeLeftOpenChannels();
        AutoCloseable resource;
        while ((resource = resources.pollLast()) != null) {
            try {
                resource.close();
            } catch (Throwable e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();   // kept for the caller of close()
                }
                loop.report("closing " + resource + " with loop \"" + loop.name() + "\" failed",
                        e);
            }
        }
    }

    private void closeLeftOpenChannels() {
        for (var entry : Map.copyOf(channels).entrySet()) {
            SelectableChannel channel = entry.getKey();
            if (channels.remove(channel) == null || !channel.isOpen()) {
                continue;   // another closer took it, or it was closed without a word: done
            }
            String owner = String.valueOf(entry.getValue());
            try {
                channel.close();
                loop.report(owner + " was still open when loop \"" + loop.name() + "\" closed, "
                        + "so the loop closed it; close it in the program (try-with-resources) "
                        + "before the loop ends", null);
            } catch (IOException e) {
                loop.report("closing " + owner + ", left open when loop \"" + loop.name()
                        + "\" closed, failed", e);
            }
        }
    }
}
