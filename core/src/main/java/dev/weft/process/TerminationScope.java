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

package dev.weft.process;

/** Which processes a {@link Subprocess}'s termination reaches. */
public enum TerminationScope {
    /**
     * The default: the child and every process that is its descendant when the termination
     * begins, so that a grandchild cannot keep running, or keep a pipe open, after its parent
     * is terminated. A descendant whose parent had already exited (a daemon) is no longer the
     * child's descendant, and is not reached.
     */
    PROCESS_TREE,

    /** The child alone; its descendants are left to it. */
    PROCESS
}
