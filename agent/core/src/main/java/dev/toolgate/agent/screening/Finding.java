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

    public boolean detected(int threshold) {
        return score >= threshold;
    }
}
