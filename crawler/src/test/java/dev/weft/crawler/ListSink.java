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

import java.util.ArrayList;
import java.util.List;

/** Keeps the records in memory, for a test to read. */
class ListSink implements PageSink {
    private final List<PageRecord> pages = new ArrayList<>();

    @Override
    public void write(PageRecord page) {
        pages.add(page);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    List<PageRecord> pages() {
        return List.copyOf(pages);
    }
}
