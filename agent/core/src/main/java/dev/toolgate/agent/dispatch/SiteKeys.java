package dev.toolgate.agent.dispatch;

import java.security.SecureRandom;

/**
 * One random key per dispatch site, written into the woven dispatch code and checked by the gate: a call of the
 * bridge's dispatch entry from any other code cannot know it.
 */
public final class SiteKeys {

    private final long[] keys;
    private final long listingKey;

    private SiteKeys(long[] keys, long listingKey) {
        this.keys = keys;
        this.listingKey = listingKey;
    }

    public static SiteKeys generate() {
        SecureRandom random = new SecureRandom();
        long[] keys = new long[DispatchSite.values().length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
        }
        return new SiteKeys(keys, random.nextLong());
    }

    public long key(DispatchSite site) {
        return keys[site.ordinal()];
    }

    /** The key of the woven code that tells the gate a framework listed a tool. */
    public long listingKey() {
        return listingKey;
    }

    public boolean matchesListing(long key) {
        return listingKey == key;
    }

    public boolean matches(DispatchSite site, long key) {
        return keys[site.ordinal()] == key;
    }
}
