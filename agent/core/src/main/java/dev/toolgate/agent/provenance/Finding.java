package dev.toolgate.agent.provenance;

/**
 * What the check found about a call's arguments.
 *
 * @param leaf       the first argument derived from untrusted (or confidential) data; null when none is
 * @param source     the result it came from; null when not known (history lost, or past the cap)
 * @param why        in words: which part of the value matched
 */
record Finding(Leaf leaf, Source source, String why) {

    static final Finding CLEAN = new Finding(null, null, null);

    boolean found() {
        return leaf != null;
    }
}
