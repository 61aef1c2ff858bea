package dev.weft.internal;

/**
 * How messages name a party: a task as {@code task "name"}, a thread as {@code thread "name"}.
 *
 * <p>Not part of Weft's API.
 */
public final class Parties {
    private Parties() {}

    /** Returns the party's name as messages show it. */
    public static String describe(Object party) {
        if (party == null) {
            return "nobody";
        }
        if (party instanceof Thread thread) {
            return "thread \"" + thread.getName() + "\"";
        }
        return Parking.get().describe(party);
    }
}
