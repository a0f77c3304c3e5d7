package dev.toolgate.agent.dispatch;

import java.security.SecureRandom;

/**
 * One random key per dispatch site, written into the woven dispatch code and checked by the gate: a call of the
 * bridge's dispatch entry from any other code cannot know it.
 */
public final class SiteKeys {

    private final long[] keys;

    private SiteKeys(long[] keys) {
        this.keys = keys;
    }

    public static SiteKeys generate() {
        SecureRandom random = new SecureRandom();
        long[] keys = new long[DispatchSite.values().length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
        }
        return new SiteKeys(keys);
    }

    public long key(DispatchSite site) {
        return keys[site.ordinal()];
    }

    public boolean matches(DispatchSite site, long key) {
        return keys[site.ordinal()] == key;
    }
}
