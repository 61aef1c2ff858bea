package dev.weft.internal.hook;

import dev.weft.Loop;

/** Prints the JDK poller mode in effect once a loop exists. */
public final class PollerModeProbe {
    private PollerModeProbe() {}

    public static void main(String[] args) {
        try (var loop = new Loop()) {
            System.out.println("jdk.pollerMode=" + System.getProperty("jdk.pollerMode"));
        }
    }
}
