package dev.weft;

/**
 * The tasks of one loop that have a thread, by thread: how a task finds itself. Open addressing
 * with linear probing, keyed by thread identity and hashed on the thread id. Loop thread only.
 */
final class TaskTable {
    /* How it works: a removed slot is refilled by shifting later entries of its probe run back
     * (no tombstones), so lookups stay short however many tasks come and go. The table doubles
     * at half full and never shrinks below its start size. Lookups run on the loop thread (a
     * task is mounted on it), so no synchronisation is needed. */

    private static final int START_CAPACITY = 64;

    private Thread[] keys = new Thread[START_CAPACITY];
    private Task<?>[] values = new Task<?>[START_CAPACITY];
    private int size;

    Task<?> get(Thread thread) {
        Thread[] k = keys;
        int mask = k.length - 1;
        for (int i = indexFor(thread, mask); ; i = (i + 1) & mask) {
            Thread key = k[i];
            if (key == thread) {
                return values[i];
            }
            if (key == null) {
                return null;
            }
        }
    }

    void put(Thread thread, Task<?> task) {
        if (2 * (size + 1) > keys.length) {
            resize(keys.length * 2);
        }
        int mask = keys.length - 1;
        int i = indexFor(thread, mask);
        while (keys[i] != null && keys[i] != thread) {
            i = (i + 1) & mask;
        }
        if (keys[i] == null) {
            size++;
        }
        keys[i] = thread;
        values[i] = task;
    }

    void remove(Thread thread) {
        int mask = keys.length - 1;
        int i = indexFor(thread, mask);
        while (keys[i] != thread) {
            if (keys[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        // Shift back the entries after i whose home slot lies at or before the hole.
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
            int home = indexFor(keys[j], mask);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = null;
        values[hole] = null;
    }

    int size() {
        return size;
    }

    private void resize(int capacity) {
        Thread[] oldKeys = keys;
        Task<?>[] oldValues = values;
        keys = new Thread[capacity];
        values = new Task<?>[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int indexFor(Thread thread, int mask) {
        long id = thread.threadId();
        int h = (int) (id ^ (id >>> 32)) * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
