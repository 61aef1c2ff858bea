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

import java.net.URI;

/**
 * A URL waiting to be fetched, with its depth: the seeds are at 0, the links of a page one
 * deeper than the page, and a redirect's target at the redirect's depth.
 *
 * @param url the normalized URL
 * @param depth how many links away from a seed it is
 */
record FrontierEntry(URI url, int depth) {
    /** The entry as one line of the saved frontier: depth, a tab, the URL. */
    String line() {
        return depth + "\t" + url;
    }

    /** Reads a line that {@link #line()} wrote. */
    static FrontierEntry parse(String line) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
            throw new IllegalArgumentException("a frontier line must be DEPTH<TAB>URL: " + line);
        }
        return new FrontierEntry(URI.create(line.substring(tab + 1)),
                Integer.parseInt(line.substring(0, tab)));
    }
}
