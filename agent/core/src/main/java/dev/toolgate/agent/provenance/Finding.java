package dev.toolgate.agent.provenance;

/**
 * What the check found about a call's arguments.
 *
 * @param leaf       the first argument derived from untrusted (or confidential) data; null when none is
 * @param source     the result it came from; null when not known (history lost, or past the cap)
 * @param why        in words: which part of the value matched
 * @param identifier whether the value is untrusted only as the whole value of an identifier field of a result
 */
record Finding(Leaf leaf, Source source, String why, boolean identifier) {

    static final Finding CLEAN = new Finding(null, null, null, false);

    boolean found() {
        return leaf != null;
    }
}
