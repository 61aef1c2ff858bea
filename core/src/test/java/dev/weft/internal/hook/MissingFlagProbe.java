package dev.weft.internal.hook;

import dev.weft.Loop;

/** Creates a loop in a JVM started without Weft's flag and prints what happens. */
public final class MissingFlagProbe {
    private MissingFlagProbe() {}

    public static void main(String[] args) {
        try (var loop = new Loop()) {
            System.out.println("created " + loop.name());
        } catch (IllegalStateException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
