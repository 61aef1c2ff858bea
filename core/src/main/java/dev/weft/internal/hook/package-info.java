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

/**
 * The JDK's threads as Weft needs them: the scheduler hook, which is the only code in Weft that
 * touches JDK internals (to give a virtual thread a loop as its scheduler, self-tested on first
 * use), and waits that an interrupt cannot cut short. Depends on the JDK alone. Not exported; not
 * part of Weft's API.
 */
package dev.weft.internal.hook;
