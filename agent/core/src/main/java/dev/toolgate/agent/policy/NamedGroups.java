package dev.toolgate.agent.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The named groups of a regular expression, {@code (?<name>…)}: Java 17's Pattern does not list them. */
public final class NamedGroups {

    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private NamedGroups() {}

    /** The group names in {@code regex}, which must compile, in order of appearance. */
    public static List<String> of(String regex) {
        List<String> names = new ArrayList<>();
        Matcher group = NAMED_GROUP.matcher(regex);
        while (group.find()) {
            if (!escaped(regex, group.start())) {
                names.add(group.group(1));
            }
        }
        return names;
    }

    private static boolean escaped(String text, int index) {
        int backslashes = 0;
        for (int i = index - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
