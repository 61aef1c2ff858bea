package dev.weft.internal;

/**
 * Which loop a primitive belongs to, as far as anyone can tell: the loop of the task that
 * created it, for as long as only that loop's tasks use it. Once a plain thread or a task of
 * another loop touches it, it belongs to no loop for good.
 *
 * <p>A wait on a primitive confined to the waiter's loop can only be ended by that loop, which
 * is what lets a virtual clock jump and lets the loop report a deadlock when every task waits.
 *
 * <p>Not part of Weft's API.
 */
public final class Affinity {
    private static final Object SHARED = new Object();

    private volatile Object home;   // any thread: a loop, or SHARED

    /** Creates the affinity of a primitive built by the calling code. */
    public Affinity() {
        Object loop = Parking.get().loopOf(Parking.get().currentParty());
        this.home = loop != null ? loop : SHARED;
    }

    private Affinity(Object home) {
        this.home = home;
    }

    /** Returns the affinity of a primitive that other threads complete, so no loop owns it. */
    public static Affinity shared() {
        return new Affinity(SHARED);
    }

    /** Records a use by {@code party}: a party of another loop, or no loop, shares the primitive. */
    public void touch(Object party) {
        Object current = home;
        if (current != SHARED && current != Parking.get().loopOf(party)) {
            home = SHARED;
        }
    }

    /** Returns whether only tasks of {@code loop} have used the primitive. */
    public boolean confinedTo(Object loop) {
        return loop != null && home == loop;
    }
}
