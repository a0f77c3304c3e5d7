package dev.toolgate.agent.policy;

import java.util.Collection;

/** The known name a mistyped one was most likely meant to be, for "did you mean" in errors. */
final class Suggestions {

    private Suggestions() {}

    /** The closest of {@code known} to {@code typed}, or null when none is close enough to be a typo of it. */
    static String closest(String typed, Collection<String> known) {
        if (typed == null) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(typed.toLowerCase(java.util.Locale.ROOT), candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // A third of the name may be wrong; more than that is another word, not a typo.
        return best != null && bestDistance <= Math.max(1, best.length() / 3) ? best : null;
    }

    /** Levenshtein distance, bounded in cost by the short names compared here. */
    static int distance(String a, String b) {
        if (a.length() > 200 || b.length() > 200) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
