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

package dev.weft.internal.hook;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.InaccessibleObjectException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scheduler hook for JDK 25: the only class in Weft that touches JDK internals.
 *
 * <p>It uses package-private members of {@code java.lang}: the constructor
 * {@code VirtualThread(Executor, String, int, Runnable)}, which makes virtual threads on a custom
 * scheduler, and the fields {@code VirtualThread.scheduler}, which says whose a virtual thread is,
 * and {@code VirtualThread.carrierThread}, which says where it is mounted. All need
 * {@code --add-opens java.base/java.lang=<Weft's module>}.
 */
final class ReflectiveSchedulerHook implements SchedulerHook {
    /* How it works: installation runs once, on a platform thread (a new one if the first caller is
     * a virtual thread), because the self-test runs a continuation, which only a platform thread
     * can do. It also protects the JDK's socket poller: in its default mode on Linux the poller
     * starts "sub-poller" virtual threads in its class initialiser, and they inherit the scheduler
     * of the initialising thread; were that a Weft task, every socket wait in the JVM would run
     * through one loop. When the application has not chosen a poller mode, Weft picks mode 1
     * (pollers are platform threads: nothing to capture, started only when a socket is first used,
     * and a shorter hand-off to a loop). When it has chosen mode 2, Weft initialises the poller
     * here, from this platform thread. (Initialising it eagerly in every case would cost every Weft
     * program about 300 ms at exit: the JVM waits that long for a thread blocked in epoll_wait
     * before it exits.) The outcome (hook or error) is kept, so every later call fails the same
     * way. */

    private static final String VIRTUAL_THREAD_CLASS = "java.lang.VirtualThread";
    private static final String POLLER_CLASS = "sun.nio.ch.Poller";
    private static final String POLLER_MODE = "jdk.pollerMode";

    private static Object installation;   // guarded by the class; the hook or the error text

    private ReflectiveSchedulerHook() {}

    static SchedulerHook installed() {
        Object outcome;
        synchronized (ReflectiveSchedulerHook.class) {
            // Not a static initialiser: the installing thread must be free to use this class.
            if (installation == null) {
                installation = install();
            }
            outcome = installation;
        }
        if (outcome instanceof ReflectiveSchedulerHook hook) {
            return hook;
        }
        throw new IllegalStateException((String) outcome);
    }

    @Override
    public Thread newVirtualThread(Executor scheduler, Runnable body) {
        try {
            // No name (null), no characteristics (0): what the builder's factory would pass.
            return (Thread) VirtualThreadFields.CONSTRUCTOR.invokeExact(scheduler, (String) null,
                    0, body);
        } catch (Throwable e) {   // invokeExact declares Throwable; the constructor throws none
            throw new IllegalStateException("the JDK's virtual-thread constructor failed: " + e, e);
        }
    }

    static Executor schedulerOf(Thread thread) {
        VarHandle scheduler = VirtualThreadFields.SCHEDULER;
        return scheduler != null && VirtualThreadFields.VIRTUAL_THREAD.isInstance(thread)
                ? (Executor) scheduler.get(thread) : null;
    }

    @Override
    public Thread carrierOf(Thread thread) {
        // Constants, so that this compiles to a type check and a field load: it runs for every
        // continuation a loop schedules.
        return VirtualThreadFields.VIRTUAL_THREAD.isInstance(thread)
                ? (Thread) VirtualThreadFields.CARRIER.get(thread) : null;
    }

    /** Returns the hook, or the message explaining why there is none. */
    private static Object install() {
        if (!Thread.currentThread().isVirtual()) {
            protectJdkPoller();
            return installOnPlatformThread();
        }
        // The self-test must run a continuation, which only a platform thread can do.
        var outcome = new AtomicReference<Object>();
        Thread installer = Thread.ofPlatform().name("weft-hook-install").unstarted(() -> {
            protectJdkPoller();
            outcome.set(installOnPlatformThread());
        });
        installer.start();
        Uninterruptibly.run(installer::join);   // installation is short and must finish
        return outcome.get();
    }

    private static void protectJdkPoller() {
        String mode = System.getProperty(POLLER_MODE);
        if (mode == null) {
            System.setProperty(POLLER_MODE, "1");
            return;
        }
        if (mode.equals("1") || mode.equalsIgnoreCase("SYSTEM_THREADS")) {
            return;
        }
        try {
            Class.forName(POLLER_CLASS, true, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // A JDK without this poller has no sub-pollers to capture; nothing to protect.
        }
    }

    private static Object installOnPlatformThread() {
        ReflectiveSchedulerHook hook;
        try {
            if (VirtualThreadFields.FAILURE != null) {
                throw VirtualThreadFields.FAILURE;
            }
            hook = new ReflectiveSchedulerHook();
        } catch (InaccessibleObjectException | IllegalAccessException e) {
            return MissingFlagMessage.text(ReflectiveSchedulerHook.class.getModule());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "this JDK (" + Runtime.version() + ") does not offer the virtual-thread "
                    + "scheduler hook Weft needs (" + e + "); Weft runs on JDK 25";
        }
        String failure = selfTest(hook);
        return failure == null ? hook : failure;
    }

    /**
     * Checks on a throw-away scheduler that the hook behaves as Weft relies on: threads are
     * virtual, run where the scheduler runs them, report that carrier, and pass the scheduler on
     * to virtual threads they create. Returns null when all holds, else what failed.
     */
    private static String selfTest(ReflectiveSchedulerHook hook) {
        var queue = new ArrayDeque<Runnable>();
        Thread carrier = Thread.currentThread();
        Executor scheduler = queue::add;
        var seen = new boolean[5];
        Thread probe = hook.newVirtualThread(scheduler, () -> {
            seen[0] = Thread.currentThread().isVirtual();
            seen[1] = hook.carrierOf(Thread.currentThread()) == carrier;
            Thread.ofVirtual().start(
                    () -> seen[2] = hook.carrierOf(Thread.currentThread()) == carrier);
        });
        Thread own = hook.newVirtualThread(scheduler, () -> {
            seen[3] = schedulerOf(Thread.currentThread()) == scheduler;
            Thread.ofVirtual().start(
                    () -> seen[4] = schedulerOf(Thread.currentThread()) == scheduler);
        });
        probe.start();
        own.start();
        for (int i = 0; i < 100 && !queue.isEmpty(); i++) {
            queue.poll().run();
        }
        if (!seen[0] || !seen[1] || !seen[2] || !seen[3] || !seen[4]) {
            return "the virtual-thread scheduler hook failed its self-test on JDK "
                    + Runtime.version() + " (virtual=" + seen[0] + ", on carrier=" + seen[1]
                    + ", child inherits=" + seen[2] + ", scheduler seen=" + seen[3]
                    + ", child's scheduler=" + seen[4] + "); Weft runs on JDK 25";
        }
        return null;
    }

    /**
     * {@code VirtualThread}'s constructor and its fields {@code carrierThread} and
     * {@code scheduler}, held in constants. Initialised by the installer (or by the first look at
     * a thread's scheduler); if a member cannot be reached, the handles are null and FAILURE
     * says why.
     */
    private static final class VirtualThreadFields {
        static final Class<?> VIRTUAL_THREAD;
        static final VarHandle CARRIER;
        static final VarHandle SCHEDULER;
        static final MethodHandle CONSTRUCTOR;   // (Executor, String, int, Runnable) -> Thread
        static final ReflectiveOperationException FAILURE;

        static {
            Class<?> type = Thread.class;
            VarHandle carrier = null;
            VarHandle scheduler = null;
            MethodHandle constructor = null;
            ReflectiveOperationException failure = null;
            try {
                type = Class.forName(VIRTUAL_THREAD_CLASS);
                var lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                carrier = lookup.findVarHandle(type, "carrierThread", Thread.class);
                scheduler = lookup.findVarHandle(type, "scheduler", Executor.class);
                constructor = lookup.findConstructor(type, MethodType.methodType(void.class,
                                Executor.class, String.class, int.class, Runnable.class))
                        .asType(MethodType.methodType(Thread.class, Executor.class,
                                String.class, int.class, Runnable.class));
            } catch (ReflectiveOperationException e) {
                failure = e;
                carrier = scheduler = null;
                constructor = null;
            } catch (RuntimeException e) {
                // InaccessibleObjectException, IllegalArgumentException: reported as a failure.
                failure = new IllegalAccessException(e.toString());
                carrier = scheduler = null;
                constructor = null;
            }
            VIRTUAL_THREAD = type;
            CARRIER = carrier;
            SCHEDULER = scheduler;
            CONSTRUCTOR = constructor;
            FAILURE = failure;
        }
    }
}
