package dev.toolgate.agent.audit;

import dev.toolgate.agent.audit.json.CanonicalJsonWriter;

/**
 * An event already rendered as canonical JSON by the render-ahead thread, with two holes the writer fills: the
 * value of {@code prev_hash} and of {@code seq}, known only when the event takes its place in the chain. Splicing
 * it costs the writer a copy instead of a rendering.
 *
 * @param prevHashAt where the 64 hex digits of {@code prev_hash} go (between its quotes)
 * @param seqAt      where the digits of {@code seq} go
 */
record RenderedEvent(byte[] bytes, int prevHashAt, int seqAt) {

    /** Appends the event with its holes filled, exactly as {@link JsonLinesEncoder#encode} would write it. */
    void spliceInto(CanonicalJsonWriter json, long seq, byte[] prevHash) {
        json.raw(bytes, 0, prevHashAt);
        json.raw(prevHash);
        json.raw(bytes, prevHashAt, seqAt - prevHashAt);
        json.digits(seq);
        json.raw(bytes, seqAt, bytes.length - seqAt);
    }
}
