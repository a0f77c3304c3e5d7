package dev.toolgate.agent.screening;

import java.util.List;

/**
 * What screening found in one text.
 *
 * @param score the summed weights of the rules that matched
 * @param rules names of the rules that matched, in order
 */
public record Finding(int score, List<String> rules) {

    public static final Finding NONE = new Finding(0, List.of());

    public Finding {
        rules = List.copyOf(rules);
    }

    /**
     * The id of the first pack rule that matched (an encoded payload's inner rule when only that matched), the
     * rule an audit event names; null when none matched.
     */
    public String rule() {
        for (String name : rules) {
            String id = name.startsWith("encoded:") ? name.substring("encoded:".length()) : name;
            int plus = id.indexOf('+');
            id = plus < 0 ? id : id.substring(0, plus);
            if (id.indexOf('.') > 0) {
                return id;
            }
        }
        return null;
    }

    public boolean detected(int threshold) {
        return score >= threshold;
    }
}
