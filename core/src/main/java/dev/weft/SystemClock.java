package dev.weft;

/** Real monotonic time, {@link System#nanoTime()}: the default clock of every loop. */
enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "SystemClock";
    }
}
