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

import java.io.IOException;

/**
 * Where the crawler writes each page's record, from its loop, in the order the pages finish.
 * A failure to write stops the crawl: a record that cannot be kept must not be lost silently.
 */
public interface PageSink extends AutoCloseable {
    /** Writes one record. */
    void write(PageRecord page) throws IOException;

    /** Flushes what was written, for a checkpoint. */
    void flush() throws IOException;

    /** Flushes and closes. */
    @Override
    void close() throws IOException;
}
