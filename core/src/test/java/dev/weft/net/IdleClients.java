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

import java.net.Socket;
import java.util.ArrayList;

/**
 * A separate process that opens many idle connections to a port (a process of its own, so that
 * both ends do not share one file-descriptor limit), prints {@code OPEN <n>}, and holds them
 * until its standard input closes.
 */
public final class IdleClients {
    private IdleClients() {}

    /** Usage: {@code IdleClients <port> <connections>}. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        var sockets = new ArrayList<Socket>(count);
        for (int i = 0; i < count; i++) {
            sockets.add(new Socket("127.0.0.1", port));
        }
        System.out.println("OPEN " + sockets.size());
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the connections until the test closes our input
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
