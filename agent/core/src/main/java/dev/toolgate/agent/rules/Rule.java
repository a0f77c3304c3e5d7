package dev.toolgate.agent.rules;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of a rule pack: a regular expression, or a table of words that a validator looks words up in.
 *
 * @param id          unique across the pack; the part before the first dot names the rule's group
 *                    ({@code injection}, {@code secret}, {@code shell}, {@code sql})
 * @param description what the rule catches, for people
 * @param weight      what a match adds to a score (prompt-injection screening counts weights)
 * @param pattern     the expression, or null for a word table
 * @param group       the capture group that is the finding (secrets), 0 for the whole match
 * @param table       the table a word rule adds to (several rules may add to one), or null
 * @param words       the words of a table rule, in lower case
 * @param triggers    words one of which text must contain for the pattern to be worth running, or null
 * @param origin      where the rule was written, {@code file:line}
 * @param bounded     whether matching counts its steps and gives up (see {@link BoundedText}); rules that come
 *                    with a policy are, the shipped ones are checked by their tests instead
 */
public record Rule(
        String id,
        String description,
        int weight,
        Pattern pattern,
        int group,
        String table,
        Set<String> words,
        List<String> triggers,
        List<String> match,
        List<String> notMatch,
        String origin,
        boolean bounded) {

    public Rule {
        words = words == null ? Set.of() : java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(words));
        triggers = triggers == null ? null : List.copyOf(triggers);
        match = List.copyOf(match);
        notMatch = List.copyOf(notMatch);
    }

    /** The group of the rule: its id up to the first dot. */
    public String groupName() {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    /** Whether a trigger word occurs in {@code text}; always true for rules without triggers. */
    public boolean mayMatch(String text) {
        if (triggers == null) {
            return true;
        }
        for (String trigger : triggers) {
            if (text.contains(trigger)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A matcher over {@code text}; for a bounded rule, one that throws {@link BoundedText.TooSlow} once it has
     * read the text many times over.
     */
    public Matcher matcher(CharSequence text) {
        return pattern.matcher(bounded ? new BoundedText(text) : text);
    }

    /**
     * Whether the pattern is found in {@code text}. A bounded rule that runs out of steps counts as found: a
     * rule that cannot be decided must not let the text through.
     */
    public boolean find(CharSequence text) {
        try {
            return matcher(text).find();
        } catch (BoundedText.TooSlow e) {
            return true;
        }
    }
}
