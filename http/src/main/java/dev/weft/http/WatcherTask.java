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
package dev.weft.http;

import dev.weft.Task;
import dev.weft.Weft;
import java.util.concurrent.CancellationException;

/**
 * Stops the tasks that read a connection while nobody else does (a server's disconnect
 * watcher, a client pool's idle watcher): a cancelled read consumes nothing, so once the
 * watcher has ended the connection's owner reads on from where it was.
 */
final class WatcherTask {
    private WatcherTask() {
    }

    /** Cancels {@code watcher} and waits for it to end, even if the caller is being cancelled. */
    static void stop(Task<?> watcher) {
        watcher.cancel();
        Weft.shield(() -> {
            try {
                watcher.join();
            } catch (CancellationException expected) {
                // the watcher's own end
            }
            return null;
        });
    }
}
