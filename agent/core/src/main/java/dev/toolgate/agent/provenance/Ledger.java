package dev.toolgate.agent.provenance;

import dev.toolgate.agent.decision.ResultReceipt;
import dev.toolgate.agent.policy.ResultLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one conversation has seen, as hashed parts: what came from trusted sources (the user's and system's
 * messages, trusted tools), what came from untrusted results and which result, and what was confidential. Bounded:
 * at most {@code maxEntries} parts in all and {@link #MAX_SOURCES} results named. A ledger that cannot tell any
 * more (its index is full, a result was too long to index whole, or its history was lost) is <em>unsure</em>:
 * from then on a significant part not seen in trusted content counts as derived from untrusted data.
 */
final class Ledger {

    static final int MAX_SOURCES = 65_536;

    /** Set in an untrusted part's entry once the part was seen as the whole value of an identifier field. */
    private static final int IDENTIFIER = 1 << 30;

    private static final int SOURCE = IDENTIFIER - 1;

    private final int maxEntries;
    private final int maxResultChars;
    private final HashIndex trusted = new HashIndex();
    private final HashIndex untrusted = new HashIndex();
    private final HashIndex confidential = new HashIndex();
    /** Fingerprints of trusted messages already indexed: a conversation re-sends its history on every call. */
    private final HashIndex messages = new HashIndex();

    private final List<Source> sources = new ArrayList<>();
    private boolean unsure;
    private String unsureBecause;
    private volatile long lastUsedNanos;

    Ledger(int maxEntries, int maxResultChars, String historyLost, long nowNanos) {
        this.maxEntries = maxEntries;
        this.maxResultChars = maxResultChars;
        this.lastUsedNanos = nowNanos;
        if (historyLost != null) {
            markUnsure(historyLost);
        }
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    void touch(long nowNanos) {
        lastUsedNanos = nowNanos;
    }

    synchronized boolean unsure() {
        return unsure;
    }

    synchronized String unsureBecause() {
        return unsureBecause;
    }

    private int room() {
        return maxEntries - (trusted.size() + untrusted.size() + confidential.size() + messages.size());
    }

    private void markUnsure(String why) {
        if (!unsure) {
            unsure = true;
            unsureBecause = why;
        }
    }

    /** A result of {@code tool} whose text could not be read: what it held is unknown. */
    synchronized void unreadable(String tool) {
        markUnsure("a result of '" + tool + "' could not be read as text");
    }

    /** A message of the user or the system, or another trusted text. */
    synchronized void trusted(CharSequence text) {
        if (text == null || text.length() == 0) {
            return;
        }
        long fingerprint = Parts.pair(text.hashCode() | 1L, text.length());
        if (messages.contains(fingerprint)) {
            return;
        }
        boolean whole = Parts.index(text, maxResultChars, hash -> trusted.add(hash, 0, room()) >= 0);
        // A trusted text that could not be indexed whole leaves some of its values looking untrusted: conservative.
        if (whole && text.length() <= maxResultChars) {
            messages.add(fingerprint, 0, room());
        }
    }

    /**
     * A tool's result. Untrusted and confidential ones are numbered as sources; a trusted one counts as what
     * the user said. A part seen only as the whole value of one of {@code identifierFields} is remembered as such.
     *
     * @return the receipt the result's audit event fills in, or null for a trusted result
     */
    synchronized ResultReceipt result(String tool, ResultLabel label, CharSequence text, Set<String> identifierFields) {
        if (label == ResultLabel.TRUSTED) {
            trusted(text);
            return null;
        }
        ResultReceipt receipt = new ResultReceipt();
        if (text == null || text.length() == 0) {
            return receipt;
        }
        int number;
        if (sources.size() < MAX_SOURCES) {
            number = sources.size();
            sources.add(new Source(tool, receipt));
        } else {
            // Past the cap, later results share the last number: values stay untrusted, their origin vaguer.
            number = MAX_SOURCES - 1;
        }
        boolean secret = label == ResultLabel.CONFIDENTIAL;
        boolean whole = Parts.index(text, maxResultChars, hash -> {
            if (untrusted.add(hash, number, room()) < 0) {
                return false;
            }
            return !secret || confidential.add(hash, number, room()) >= 0;
        });
        if (whole && !identifierFields.isEmpty()) {
            Fields.identifiers(
                    text, identifierFields, hash -> untrusted.addOrFlag(hash, number, IDENTIFIER, room()) >= 0);
        }
        if (!whole) {
            markUnsure("the conversation's provenance index is full (" + maxEntries + " parts)");
        } else if (text.length() > maxResultChars) {
            markUnsure("a result of '" + tool + "' was longer than the " + maxResultChars
                    + " characters indexed of one result");
        }
        return receipt;
    }

    /**
     * The first argument derived from untrusted data, or {@link Finding#CLEAN}. An argument named as one of
     * {@code identifierFields} whose whole value is one token that an untrusted result holds as the whole value
     * of an identifier field is not taken for derived: when no other argument is derived, the first such one is
     * returned as an {@linkplain Finding#identifier() identifier} finding. An unsure ledger has none: it cannot
     * tell what it did not index.
     */
    synchronized Finding derived(List<Leaf> leaves, Set<String> identifierFields) {
        Finding[] identifier = new Finding[1];
        for (Leaf leaf : leaves) {
            boolean mayBeIdentifier = !unsure
                    && !identifierFields.isEmpty()
                    && identifierFields.contains(Fields.leafName(leaf.path()))
                    && Parts.wholeToken(leaf.text()) != null;
            Finding found = check(leaf, untrusted, unsure, mayBeIdentifier ? identifier : null);
            if (found != null) {
                return found;
            }
        }
        return identifier[0] != null ? identifier[0] : Finding.CLEAN;
    }

    /** The first argument holding data of a confidential result, or {@link Finding#CLEAN}. */
    synchronized Finding confidential(List<Leaf> leaves) {
        if (confidential.size() == 0) {
            return Finding.CLEAN;
        }
        for (Leaf leaf : leaves) {
            Finding found = check(leaf, confidential, false, null);
            if (found != null) {
                return found;
            }
        }
        return Finding.CLEAN;
    }

    /** The parts of one value, as docs/provenance.md lists them; null when none is derived. */
    private Finding check(Leaf leaf, HashIndex from, boolean conservative, Finding[] identifier) {
        String text = leaf.text();
        int tokens = 0;
        int[][] spans = new int[Parts.PHRASE_TOKENS + 1][];
        int i = 0;
        int end = text.length();
        while (i < end) {
            while (i < end && !Parts.isTokenChar(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < end && Parts.isTokenChar(text.charAt(i))) {
                i++;
            }
            int[] span = Parts.trim(text, start, i);
            if (span == null) {
                continue;
            }
            if (tokens < spans.length) {
                spans[tokens] = span;
            }
            tokens++;
            if (Parts.significant(text, span[0], span[1])) {
                Finding found =
                        part(leaf, from, conservative, identifier, Parts.hash(text, span[0], span[1]), span, "");
                if (found != null) {
                    return found;
                }
            }
            Finding[] inner = new Finding[1];
            int[] current = span;
            Parts.Sink probe = hash -> {
                inner[0] = part(leaf, from, conservative, identifier, hash, current, " (a part of it)");
                return inner[0] == null;
            };
            Parts.pieces(text, span[0], span[1], probe, true);
            if (inner[0] == null) {
                Parts.digitRuns(text, span[0], span[1], probe);
            }
            if (inner[0] != null) {
                return inner[0];
            }
        }
        if (tokens == 1) {
            // The whole value is one token, however short ("13", "a"): compared whole.
            return part(leaf, from, conservative, identifier, Parts.hash(text, spans[0][0], spans[0][1]), spans[0], "");
        }
        if (tokens >= 2 && tokens <= Parts.PHRASE_TOKENS) {
            return phrase(leaf, from, conservative, spans, tokens);
        }
        return null;
    }

    private Finding part(
            Leaf leaf, HashIndex from, boolean conservative, Finding[] identifier, long hash, int[] span, String note) {
        // Untrusted first: most parts of a clean value are in no result, and one look-up settles them.
        int entry = from.get(hash);
        if (entry < 0 && !conservative || trusted.contains(hash)) {
            return null;
        }
        int source = entry < 0 ? -1 : entry & SOURCE;
        String shown = leaf.text().substring(span[0], Math.min(span[1], span[0] + 80));
        if (identifier != null && entry >= 0 && (entry & IDENTIFIER) != 0) {
            if (identifier[0] == null) {
                identifier[0] = new Finding(
                        leaf,
                        sources.get(source),
                        "'" + shown + "' is the whole value of an identifier field of an earlier result",
                        true);
            }
            return null;
        }
        String why = "'" + shown + "'" + note
                + (source < 0 ? " is not in trusted content and " + unsureBecause : " appears in an earlier result");
        return new Finding(leaf, source < 0 ? null : sources.get(source), why, false);
    }

    /** A short value read as a name: derived when every pair of its tokens is in the results, not all trusted. */
    private Finding phrase(Leaf leaf, HashIndex from, boolean conservative, int[][] spans, int tokens) {
        String text = leaf.text();
        boolean allTrusted = true;
        int firstSource = -1;
        for (int t = 1; t < tokens; t++) {
            long pair = Parts.pair(
                    Parts.hash(text, spans[t - 1][0], spans[t - 1][1]), Parts.hash(text, spans[t][0], spans[t][1]));
            allTrusted &= trusted.contains(pair);
            int entry = from.get(pair);
            int source = entry < 0 ? -1 : entry & SOURCE;
            if (source < 0 && !conservative) {
                return null;
            }
            if (firstSource < 0) {
                firstSource = source;
            }
        }
        if (allTrusted) {
            return null;
        }
        String why = firstSource < 0
                ? "the phrase is not in trusted content and " + unsureBecause
                : "the phrase appears in an earlier result";
        return new Finding(leaf, firstSource < 0 ? null : sources.get(firstSource), why, false);
    }

    /** Bytes the ledger's tables hold. */
    synchronized long bytes() {
        return trusted.bytes() + untrusted.bytes() + confidential.bytes() + messages.bytes();
    }

    synchronized int entries() {
        return trusted.size() + untrusted.size() + confidential.size() + messages.size();
    }
}
