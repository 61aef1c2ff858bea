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
