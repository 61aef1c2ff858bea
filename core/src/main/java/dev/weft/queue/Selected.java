package dev.weft.queue;

/**
 * What {@link JoinableQueue#select} took: the item, and the queue it came from.
 *
 * @param queue the queue the item was taken from
 * @param item the item
 * @param <E> the item type
 */
public record Selected<E>(JoinableQueue<? extends E> queue, E item) {}
