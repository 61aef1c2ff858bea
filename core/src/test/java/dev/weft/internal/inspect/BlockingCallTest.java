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

package dev.weft.internal.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The watchdog names the blocking call it caught, and says what to use instead. */
class BlockingCallTest {

    private static StackTraceElement frame(String type, String method) {
        return new StackTraceElement(type, method, null, -1);
    }

    @Test
    void aFileReadIsNamedFileIo() {
        var stack = new StackTraceElement[] {
            frame("java.io.FileInputStream", "readBytes"),
            frame("java.io.FileInputStream", "read"),
            frame("com.example.Config", "load")};
        assertThat(BlockingCall.describe(stack)).startsWith("file I/O")
                .contains("dev.weft.process.TaskFiles");
    }

    @Test
    void aProcessPipeIsNamedAsSuchNotAsFileIo() {
        var stack = new StackTraceElement[] {
            frame("java.io.FileInputStream", "readBytes"),
            frame("java.io.BufferedInputStream", "read"),
            frame("java.lang.ProcessImpl$ProcessPipeInputStream", "read"),
            frame("com.example.Tool", "run")};
        assertThat(BlockingCall.describe(stack)).startsWith("a process's pipe")
                .contains("Subprocess");
    }

    @Test
    void aContendedFileLockAndADnsLookUpAreNamed() {
        assertThat(BlockingCall.describe(new StackTraceElement[] {
            frame("sun.nio.ch.FileDispatcherImpl", "lock0"),
            frame("sun.nio.ch.FileChannelImpl", "lock")})).startsWith("a file lock");
        assertThat(BlockingCall.describe(new StackTraceElement[] {
            frame("java.net.Inet6AddressImpl", "lookupAllHostAddr"),
            frame("java.net.InetAddress", "getByName")})).startsWith("a DNS look-up");
    }

    @Test
    void plainComputationIsNotNamed() {
        assertThat(BlockingCall.describe(new StackTraceElement[] {
            frame("com.example.Parser", "parse")})).isNull();
    }
}
