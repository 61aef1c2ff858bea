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

/**
 * Weft's core: loops, tasks, task groups, cancellation and timeouts, and the coroutine-aware
 * locks, queues, pools, sockets and subprocesses built on them. Depends on the JDK alone.
 *
 * <p>Exports the API packages only; the machinery under {@code dev.weft.internal} is not
 * exported. On the module path, run with {@code --add-opens java.base/java.lang=dev.weft}: the
 * scheduler hook reaches the JDK's virtual-thread builder (see the README's "JVM flag").
 */
module dev.weft {
    requires java.management;
    requires jdk.jfr;

    exports dev.weft;
    exports dev.weft.sync;
    exports dev.weft.queue;
    exports dev.weft.exec;
    exports dev.weft.net;
    exports dev.weft.process;
    exports dev.weft.test;
}
