package dev.toolgate.agent.provenance;

/**
 * An open-addressing map from part hashes to the number of the source that first held them, grown by doubling
 * up to a fixed number of entries. Not thread-safe: its {@link Ledger} locks.
 */
final class HashIndex {

    private static final int FIRST_CAPACITY = 256;

    private long[] keys = new long[FIRST_CAPACITY];
    private int[] sources = new int[FIRST_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /** The source of {@code hash}, or -1 when absent. Hashes are never 0. */
    int get(long hash) {
        int slot = slotOf(hash);
        return keys[slot] == hash ? sources[slot] : -1;
    }

    /** The slot holding {@code hash}, or the empty slot where it would go. */
    private int slotOf(long hash) {
        long[] table = keys;
        int mask = table.length - 1;
        int slot = spread(hash) & mask;
        while (table[slot] != hash && table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    boolean contains(long hash) {
        return get(hash) >= 0;
    }

    /**
     * Adds {@code hash} with {@code source} unless present (the first source stays).
     *
     * @param room entries the caller still allows in total; 0 refuses a new entry
     * @return 1 when added, 0 when already there, -1 when refused for want of room
     */
    int add(long hash, int source, int room) {
        int slot = slotOf(hash);
        if (keys[slot] == hash) {
            return 0;
        }
        if (room <= 0) {
            return -1;
        }
        keys[slot] = hash;
        sources[slot] = source;
        if (++size * 2 > keys.length) {
            grow();
        }
        return 1;
    }

    /**
     * Adds {@code hash} with {@code value} unless present; when present, ORs {@code flags} into the value it has.
     *
     * @return as {@link #add}
     */
    int addOrFlag(long hash, int value, int flags, int room) {
        int slot = slotOf(hash);
        if (keys[slot] == hash) {
            sources[slot] |= flags;
            return 0;
        }
        return add(hash, value | flags, room);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldSources = sources;
        keys = new long[oldKeys.length * 2];
        sources = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            long key = oldKeys[i];
            if (key != 0) {
                int slot = slotOf(key);
                keys[slot] = key;
                sources[slot] = oldSources[i];
            }
        }
    }

    /** Bytes held by the tables. */
    long bytes() {
        return (long) keys.length * Long.BYTES + (long) sources.length * Integer.BYTES;
    }

    private static int spread(long hash) {
        return (int) (hash ^ (hash >>> 32));
    }
}
