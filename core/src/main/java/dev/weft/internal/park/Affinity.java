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

package dev.weft.internal.park;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which loop a primitive belongs to, as far as anyone can tell: the loop whose tasks (or
 * callbacks) use it, for as long as only that loop's tasks do. A primitive made by a task
 * belongs to that task's loop from the start; one made outside any loop (on the main thread,
 * before {@code loop.run}) belongs to the first loop whose task uses it. Once a plain thread or
 * a task of another loop uses it, it belongs to no loop for good.
 *
 * <p>A wait on a primitive confined to the waiter's loop is one that only that loop seems able
 * to end, which is what lets a virtual clock jump and lets the loop report a stall when every
 * task waits. It is a belief, not a proof: a plain thread may hold a reference it has not used
 * yet, which is why a stall is reported, and fails waits only where the loop is declared a
 * closed world.
 *
 * <p>Not part of Weft's API.
 */
public final class Affinity {
    private static final Object SHARED = new Object();
    private static final VarHandle HOME;

    static {
        try {
            HOME = MethodHandles.lookup().findVarHandle(Affinity.class, "home", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Object home;   // any thread: null (nobody used it yet), a Home, or SHARED

    /** Creates the affinity of a primitive built by the calling code. */
    public Affinity() {
        this.home = Party.current().home();
    }

    /**
     * Records a use by {@code party}: the first use by a loop's task claims a primitive nobody
     * used yet; a use by a party of another loop, or of no loop, shares it.
     */
    public void touch(Party party) {
        Object current = home;
        if (current == SHARED) {
            return;
        }
        Home loop = party.home();
        if (current == loop && loop != null) {
            return;
        }
        Object next = current == null && loop != null ? loop : SHARED;
        if (!HOME.compareAndSet(this, current, next) && home != loop) {
            home = SHARED;   // another party claimed it meanwhile, for another loop
        }
    }

    /** Returns whether only tasks of {@code loop} have used the primitive. */
    public boolean confinedTo(Home loop) {
        return loop != null && home == loop;
    }
}
