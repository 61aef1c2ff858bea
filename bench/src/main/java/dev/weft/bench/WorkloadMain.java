package dev.weft.bench;

import java.time.Duration;

/**
 * Runs one workload once in this JVM and prints one result line for {@link WorkloadRunner}:
 * {@code RESULT <value> <peak RSS KiB> <RSS at start KiB>}.
 *
 * <p>Usage: {@code WorkloadMain w1|w2|w2heap|w3 weft|jdk <n> [weft-fifo|array|synchronous]}; the
 * last argument chooses W3's queue (default: array).
 */
public final class WorkloadMain {
    private WorkloadMain() {}

    /** Runs the workload named by the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 4) {
            throw new IllegalArgumentException("usage: WorkloadMain w1|w2|w2heap|w3 weft|jdk <n> "
                    + "[weft-fifo|array|synchronous]; got " + String.join(" ", args));
        }
        PingPongQueue queue = args.length == 4 ? PingPongQueue.parse(args[3])
                : PingPongQueue.ARRAY;
        Engine engine = Engine.parse(args[1]);
        int n = Integer.parseInt(args[2]);
        long rssAtStart = ProcessMemory.residentKib();
        long value = switch (args[0]) {
            case "w1" -> Workloads.spawnAndJoin(engine, n);
            case "w2" -> Workloads.sleepers(engine, n, Duration.ofSeconds(1), false);
            case "w2heap" -> Workloads.sleepers(engine, n, Duration.ofSeconds(1), true);
            case "w3" -> Workloads.pingPong(engine, queue, n);
            default -> throw new IllegalArgumentException("unknown workload " + args[0]
                    + "; expected w1, w2, w2heap or w3");
        };
        System.out.println("RESULT " + value + " " + ProcessMemory.peakResidentKib() + " "
                + rssAtStart);
    }
}
