package dev.toolgate.agent.rules;

/**
 * Text that counts how often a regular expression reads it and stops the match once that exceeds a budget
 * proportional to the text's length: {@code java.util.regex} cannot be interrupted otherwise, and a pattern that
 * backtracks badly would hold the calling thread for minutes.
 */
public final class BoundedText implements CharSequence {

    /** Reads allowed per character of the text, beyond a fixed allowance for short texts. */
    static final int READS_PER_CHAR = 256;

    static final int BASE_READS = 100_000;

    /** Thrown when a match has read its budget; the matcher is left unusable. */
    public static final class TooSlow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooSlow() {
            super("the rule read the text too many times (catastrophic backtracking)", null, false, false);
        }
    }

    private final CharSequence text;
    private final long[] reads;
    private final long budget;

    BoundedText(CharSequence text) {
        this(text, new long[1], BASE_READS + (long) READS_PER_CHAR * text.length());
    }

    private BoundedText(CharSequence text, long[] reads, long budget) {
        this.text = text;
        this.reads = reads;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > budget) {
            throw new TooSlow();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.subSequence(start, end), reads, budget);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
