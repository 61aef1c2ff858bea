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
package dev.weft.crawler;

import crawlercommons.robots.BaseRobotRules;
import dev.weft.Loop;
import dev.weft.Weft;
import dev.weft.sync.Event;
import dev.weft.sync.Semaphore;
import java.time.Duration;

/**
 * What the crawler keeps per host (host and port): its robots.txt rules, at most N requests in
 * flight and a least delay between the starts of two requests. Used from the crawler's loop
 * only, so reading and reserving the next start cannot race.
 */
final class HostState {
    private final Semaphore permits;
    private long delayNanos;
    private long nextStart = Long.MIN_VALUE;
    private long lastStart = Long.MIN_VALUE;
    private long pausedUntil = Long.MIN_VALUE;
    private int inFlight;
    private BaseRobotRules robots;
    private Event robotsLoading;

    HostState(int concurrency, Duration delay) {
        this.permits = new Semaphore(concurrency);
        this.delayNanos = delay.toNanos();
    }

    /**
     * Waits for one of the host's permits and then for its next free start, which it reserves
     * before it sleeps, so that N waiting tasks start a delay apart. Returns holding the permit:
     * pair with {@link #release()}.
     */
    void acquire() {
        permits.acquire();
        try {
            while (true) {
                long now = Loop.current().nanoTime();
                long start = Math.max(Math.max(now, nextStart), pausedUntil);
                nextStart = start + delayNanos;
                lastStart = start;
                if (start > now) {
                    Weft.sleep(Duration.ofNanos(start - now));
                }
                if (pausedUntil <= Loop.current().nanoTime()) {
                    break;      // else a pause began while this task waited: take a new turn
                }
            }
        } catch (Throwable cancelled) {
            permits.release();
            throw cancelled;
        }
        inFlight++;
    }

    /** Gives back the permit {@link #acquire()} took. */
    void release() {
        inFlight--;
        permits.release();
    }

    /** How many requests to the host are in flight. */
    int inFlight() {
        return inFlight;
    }

    /**
     * Raises the delay to a robots.txt crawl-delay, already capped by the caller; the next start
     * moves with it, so the request after robots.txt waits the crawl-delay too.
     */
    void raiseDelay(Duration delay) {
        delayNanos = Math.max(delayNanos, delay.toNanos());
        if (lastStart != Long.MIN_VALUE) {
            nextStart = Math.max(nextStart, lastStart + delayNanos);
        }
    }

    /**
     * Starts no request to the host before {@code wait} from now: a {@code Retry-After} the host
     * sent pauses the whole host, not only the URL it answered.
     */
    void pauseFor(Duration wait) {
        pausedUntil = Math.max(pausedUntil, Loop.current().nanoTime() + wait.toNanos());
        nextStart = Math.max(nextStart, pausedUntil);
    }

    /** The host's robots.txt rules, or null while they are not loaded. */
    BaseRobotRules robots() {
        return robots;
    }

    void robots(BaseRobotRules rules) {
        robots = rules;
    }

    /** The event set when a loading of robots.txt in progress ends, or null if none is. */
    Event robotsLoading() {
        return robotsLoading;
    }

    void robotsLoading(Event loading) {
        robotsLoading = loading;
    }
}
