package dev.weft.examples;

import com.sun.tools.attach.VirtualMachine;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code ./weft dump <pid> [--json|--blocking]}: prints the task dump (or the watchdog's
 * blocking report) of every Weft loop in a running JVM. It attaches to the process, starts its
 * local JMX agent and asks each loop's {@code dev.weft.LoopMXBean}; the process must run with
 * {@code -Dweft.jmx=true} or {@code -Dweft.debug=true} so that its loops register.
 */
public final class DumpCommand {
    private DumpCommand() {}

    /** What to print. */
    enum Report { TEXT, JSON, BLOCKING }

    /** Prints the dump of the process named by the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: weft dump <pid> [--json|--blocking]");
            System.exit(2);
        }
        Report report = args.length == 1 ? Report.TEXT : switch (args[1]) {
            case "--json" -> Report.JSON;
            case "--blocking" -> Report.BLOCKING;
            default -> throw new IllegalArgumentException("unknown option " + args[1]
                    + "; expected --json or --blocking");
        };
        System.out.print(dump(args[0], report));
    }

    /** Returns the report of every Weft loop in the JVM with process id {@code pid}. */
    static String dump(String pid, Report report) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        try {
            String address = vm.startLocalManagementAgent();
            try (var connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                Set<ObjectName> loops = new TreeSet<>(
                        server.queryNames(new ObjectName("dev.weft:type=Loop,*"), null));
                if (loops.isEmpty()) {
                    return "process " + pid + " has no Weft loop registered with JMX; run it with "
                            + "-Dweft.jmx=true (or -Dweft.debug=true)\n";
                }
                String operation = switch (report) {
                    case TEXT -> "dump";
                    case JSON -> "dumpJson";
                    case BLOCKING -> "blockingReport";
                };
                var out = new StringBuilder();
                for (ObjectName loop : loops) {
                    out.append(server.invoke(loop, operation, null, null));
                    out.append(report == Report.JSON ? "\n" : "");
                }
                return out.toString();
            }
        } finally {
            vm.detach();
        }
    }
}
