package dev.weft.internal;

/**
 * The part of a primitive that waits see: the lock guarding its state, its {@link Affinity}, the
 * party holding it (for a lock), and its name in reports, which is the primitive's
 * {@code toString()}. Primitives synchronise on their wait point, which users never see, so
 * user code that synchronises on a primitive cannot interfere.
 *
 * <p>Not part of Weft's API.
 */
public final class WaitPoint implements WaitTarget {
    private final Object primitive;
    private final Affinity affinity = new Affinity();
    private volatile Object holder;   // written under this object's lock; read by any thread

    /** Creates the wait point of {@code primitive}, from the code that creates it. */
    public WaitPoint(Object primitive) {
        this.primitive = primitive;
    }

    /** Records a use by {@code party}; see {@link Affinity#touch}. */
    public void touch(Object party) {
        affinity.touch(party);
    }

    @Override
    public Object holder() {
        return holder;
    }

    /** Sets the party holding the primitive, or null; call under this object's lock. */
    public void setHolder(Object party) {
        holder = party;
    }

    @Override
    public boolean confinedTo(Object loop) {
        return affinity.confinedTo(loop);
    }

    /**
     * Parks {@code waiter}, which the caller added to {@code list} under this object's lock,
     * through {@link Parking#await}; a waiter that was not granted (it timed out, or the wait
     * threw) is taken out of the list again.
     *
     * @return whether the wait was granted
     */
    public boolean await(Parking parking, WaitList list, Waiter waiter, long timeoutNanos) {
        boolean granted = false;
        try {
            granted = parking.await(waiter, timeoutNanos);
            return granted;
        } finally {
            if (!granted) {
                synchronized (this) {
                    list.remove(waiter);
                }
            }
        }
    }

    @Override
    public String toString() {
        return primitive.toString();
    }
}
