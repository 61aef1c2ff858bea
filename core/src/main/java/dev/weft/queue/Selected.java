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

package dev.weft.queue;

/**
 * What {@link JoinableQueue#select} took: the item, and the queue it came from.
 *
 * @param queue the queue the item was taken from
 * @param item the item
 * @param <E> the item type
 */
public record Selected<E>(JoinableQueue<? extends E> queue, E item) {}
