package dev.weft.internal.hook;

import dev.weft.Weft;

/** Uses Weft for the first time from a virtual thread and prints the result. */
public final class VirtualFirstUseProbe {
    private VirtualFirstUseProbe() {}

    public static void main(String[] args) throws Exception {
        var result = new int[1];
        Thread.ofVirtual().start(() -> result[0] = Weft.run(() -> 6 * 7)).join();
        System.out.println("result " + result[0]);
    }
}
