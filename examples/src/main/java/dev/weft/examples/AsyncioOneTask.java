package dev.weft.examples;

import dev.weft.Loop;
import java.time.Duration;

/**
 * The seed's first asyncio example: one coroutine on an event loop.
 *
 * <pre>{@code
 * async def demo():
 *     print('start'); await asyncio.sleep(1); print('end')
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(demo())
 * }</pre>
 *
 * In Weft {@code demo} is a plain method: no {@code async}, no {@code await}.
 */
public final class AsyncioOneTask {
    private AsyncioOneTask() {}

    static void demo(Transcript transcript) {
        transcript.say("start");
        dev.weft.Weft.sleep(Duration.ofSeconds(1));
        transcript.say("end");
    }

    /** Runs the example, saying what happens on {@code transcript}. */
    public static void run(Transcript transcript) {
        try (var loop = new Loop()) {
            loop.run(() -> {
                demo(transcript);
                return null;
            });
        }
    }

    /** Runs the example on standard output. */
    public static void main(String[] args) {
        run(new Transcript(System.out));
    }
}
