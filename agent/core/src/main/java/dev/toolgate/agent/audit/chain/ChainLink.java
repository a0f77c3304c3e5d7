package dev.toolgate.agent.audit.chain;

/**
 * The end of a hash chain: the last event's {@code seq} and {@code hash}. The next event gets seq + 1 and this
 * hash as its {@code prev_hash}.
 */
public record ChainLink(long seq, String hash) {

    /** What the first event of a new chain links to: seq 1 gets {@code prev_hash} of 64 zeros. */
    public static final ChainLink GENESIS = new ChainLink(0, "0".repeat(64));

    public boolean isGenesis() {
        return seq == 0;
    }
}
