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

package dev.weft.net;

import dev.weft.internal.loop.LoopCore;
import dev.weft.internal.loop.TaskCore;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * Which loop a socket belongs to: the loop of the task that opened it. Sockets are used only
 * by that loop's tasks, since the loop's selector and the socket's buffers are touched by its
 * thread alone.
 */
final class LoopOwner {
    private LoopOwner() {}

    /**
     * Returns the calling task's loop, to own a socket being opened.
     *
     * @throws WrongThreadException if the caller is not a task; the message names
     *     {@code operation}
     */
    static LoopCore ofCallingTask(String operation) {
        TaskCore me = TaskCore.current();
        if (me == null) {
            throw new WrongThreadException(operation + " must be called from a task; start one "
                    + "with Weft.run(...)");
        }
        return me.loop();
    }

    /**
     * Returns the calling task, once it is known to be a task of {@code loop}.
     *
     * @throws WrongThreadException if it is not; the message names {@code socket}
     */
    static TaskCore requireCaller(LoopCore loop, Object socket) {
        TaskCore me = TaskCore.current();
        if (me == null || me.loop() != loop) {
            throw new WrongThreadException(socket + " belongs to another loop; use it from tasks "
                    + "of the loop that opened it");
        }
        return me;
    }

    /**
     * Parks the calling task {@code me} until {@code channel} is ready for {@code ops} on its
     * loop's own selector. This is a cancellation point; a cancelled wait leaves the channel as
     * it was.
     *
     * @throws IOException if the channel is closed meanwhile
     */
    static void awaitReady(TaskCore me, SelectableChannel channel, int ops) throws IOException {
        me.loop().poller().awaitReady(me, channel, ops);
    }
}
