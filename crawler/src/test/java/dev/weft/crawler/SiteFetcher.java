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

import dev.weft.Loop;
import dev.weft.Weft;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fetcher that answers from a site model in memory, with no socket, so that a crawl runs on
 * the virtual clock: each answer's delay is a {@code Weft.sleep}. It records every request with
 * its start and end on the loop's clock and how many were in flight when it started.
 */
final class SiteFetcher implements Fetcher {
    /** One request the crawler made. */
    record Request(String path, long startNanos, long endNanos, int inFlightAtStart) {}

    private final Function<String, DemoSite.Answer> site;
    private final List<Request> requests = new ArrayList<>();
    private int inFlight;
    private int mostInFlight;

    SiteFetcher(Function<String, DemoSite.Answer> site) {
        this.site = site;
    }

    @Override
    public Fetched fetch(URI uri, int maxBytes) throws IOException {
        long start = Loop.current().nanoTime();
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        int atStart = inFlight;
        try {
            DemoSite.Answer answer = site.apply(uri.getRawPath());
            if (!answer.delay().isZero()) {
                Weft.sleep(answer.delay());
            }
            byte[] body = answer.body();
            boolean truncated = body.length > maxBytes;
            return new Fetched(answer.status(), answer.contentType(),
                    Optional.ofNullable(answer.headers().get("Location")),
                    Optional.ofNullable(answer.headers().get("Retry-After"))
                            .map(seconds -> java.time.Duration.ofSeconds(Long.parseLong(seconds))),
                    truncated ? Arrays.copyOf(body, maxBytes) : body, truncated);
        } finally {
            inFlight--;
            requests.add(new Request(uri.getRawPath(), start, Loop.current().nanoTime(),
                    atStart));
        }
    }

    /** Every request, in the order they ended. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The most requests in flight at once. */
    int mostInFlight() {
        return mostInFlight;
    }
}
