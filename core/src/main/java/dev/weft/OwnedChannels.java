package dev.weft;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels that servers, connections and sockets of {@code dev.weft.net} hold on one loop,
 * from their opening until they are closed: what the loop closes, and reports, if the program
 * left them open when the loop closes. Without it a listening socket would outlive its loop and
 * go on accepting connections that nobody answers.
 */
final class OwnedChannels {
    private final Map<SelectableChannel, Object> open = new ConcurrentHashMap<>();   // any thread

    /** Any thread: {@code owner} opened {@code channel}. */
    void add(SelectableChannel channel, Object owner) {
        open.put(channel, owner);
    }

    /** Any thread: {@code channel} is being closed. */
    void remove(SelectableChannel channel) {
        open.remove(channel);
    }

    /** The closing thread, after every task ended: closes and reports what is still open. */
    void closeLeftOpen(Loop loop) {
        for (var entry : Map.copyOf(open).entrySet()) {
            SelectableChannel channel = entry.getKey();
            if (open.remove(channel) == null || !channel.isOpen()) {
                continue;   // another closer took it, or it was closed without a word: done
            }
            String owner = String.valueOf(entry.getValue());
            try {
                channel.close();
                loop.report(owner + " was still open when loop \"" + loop.name() + "\" closed, "
                        + "so the loop closed it; close it in the program (try-with-resources) "
                        + "before the loop ends", null);
            } catch (IOException e) {
                loop.report("closing " + owner + ", left open when loop \"" + loop.name()
                        + "\" closed, failed", e);
            }
        }
    }
}
