package dev.toolgate.agent.audit;

import dev.toolgate.agent.audit.chain.EventHash;
import dev.toolgate.agent.audit.json.CanonicalJsonWriter;
import java.security.MessageDigest;

/**
 * An event already rendered as canonical JSON by the render-ahead thread, with two holes the writer fills: the
 * value of {@code prev_hash} and of {@code seq}, known only when the event takes its place in the chain. Splicing
 * it costs the writer a copy instead of a rendering; and since everything before {@code prev_hash} is final, the
 * render-ahead thread may already have hashed those bytes, whole 64-byte blocks of them.
 *
 * @param prevHashAt   where the 64 hex digits of {@code prev_hash} go (between its quotes)
 * @param seqAt        where the digits of {@code seq} go
 * @param hashedPrefix a SHA-256 digest that has taken in the first {@code hashedBytes} bytes, or null
 */
record RenderedEvent(byte[] bytes, int prevHashAt, int seqAt, MessageDigest hashedPrefix, int hashedBytes) {

    RenderedEvent(byte[] bytes, int prevHashAt, int seqAt) {
        this(bytes, prevHashAt, seqAt, null, 0);
    }

    /** This event with the whole SHA-256 blocks before its first hole already hashed. */
    RenderedEvent withPrefixHashed(EventHash hash) {
        int blocks = prevHashAt / 64 * 64;
        MessageDigest begun = blocks == 0 ? null : hash.begin(bytes, 0, blocks);
        return begun == null ? this : new RenderedEvent(bytes, prevHashAt, seqAt, begun, blocks);
    }

    /** Appends the event with its holes filled, exactly as {@link JsonLinesEncoder#encode} would write it. */
    void spliceInto(CanonicalJsonWriter json, long seq, byte[] prevHash) {
        json.raw(bytes, 0, prevHashAt);
        json.raw(prevHash);
        json.raw(bytes, prevHashAt, seqAt - prevHashAt);
        json.digits(seq);
        json.raw(bytes, seqAt, bytes.length - seqAt);
    }

    /** The hex hash of the spliced event at {@code start..end} of {@code json}'s bytes, using the begun digest. */
    void hashInto(EventHash hash, byte[] json, int start, int end, byte[] hex) {
        if (hashedPrefix == null) {
            hash.hexInto(json, start, end - start, hex);
        } else {
            hash.finishHexInto(hashedPrefix, json, start + hashedBytes, end - start - hashedBytes, hex);
        }
    }
}
