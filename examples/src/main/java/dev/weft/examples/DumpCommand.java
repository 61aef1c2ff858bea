/*
 * Copyright 2026 The Weft Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.weft.examples;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;
import java.util.TreeSet;
import javax.management.JMException;
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
    static final String USAGE = "usage: ./weft dump <pid> [--json|--blocking]";

    private DumpCommand() {}

    /** What to print. */
    enum Report { TEXT, JSON, BLOCKING }

    /** Prints the dump of the process named by the arguments; exits with 2 on a usage error. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the command: prints the dump to {@code out}, or one line saying what went wrong and
     * the usage to {@code err}; returns the exit status (0, 1 if the process cannot be dumped, 2
     * for a usage error).
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        if (args.length < 1 || args.length > 2) {
            return failure(err, 2, args.length == 0 ? "no process id given"
                    : "too many arguments: " + String.join(" ", args));
        }
        Report report;
        if (args.length == 1) {
            report = Report.TEXT;
        } else if (args[1].equals("--json")) {
            report = Report.JSON;
        } else if (args[1].equals("--blocking")) {
            report = Report.BLOCKING;
        } else {
            return failure(err, 2, "unknown option " + args[1] + "; expected --json or --blocking");
        }
        long pid;
        try {
            pid = Long.parseLong(args[0]);
        } catch (NumberFormatException notANumber) {
            pid = -1;   // the check below names the argument
        }
        if (pid <= 0) {
            return failure(err, 2, "not a process id: " + args[0]);
        }
        if (ProcessHandle.of(pid).isEmpty()) {
            return failure(err, 1, "no process " + pid + " is running; jps lists the Java ones");
        }
        try {
            out.print(dump(args[0], report));
            return 0;
        } catch (AttachNotSupportedException | IOException | JMException e) {
            // Expected for a process that is not a JVM, or not this user's, or that just ended.
            // The JDK's message may quote the process's command line with its NUL separators.
            return failure(err, 1, "cannot dump process " + pid + " (is it a Java program run "
                    + "by this user? jps lists them): "
                    + String.valueOf(e.getMessage()).replaceAll("\\p{Cntrl}", " "));
        }
    }

    /** Says what went wrong and how the command is used; returns {@code status}. */
    private static int failure(PrintStream err, int status, String problem) {
        err.println("weft dump: " + problem);
        err.println(USAGE);
        return status;
    }

    /** Returns the report of every Weft loop in the JVM with process id {@code pid}. */
    static String dump(String pid, Report report)
            throws AttachNotSupportedException, IOException, JMException {
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
