package dev.toolgate.agent.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one rule file: {@code version: 1} and a list {@code rules:} of rules, each with {@code id},
 * {@code description}, {@code weight}, either {@code pattern} (with optional {@code triggers} and {@code group})
 * or {@code table} and {@code words}, and examples {@code match} / {@code not_match} that are checked here.
 * Every problem names {@code file:line} and the rule's id.
 */
public final class RulePackReader {

    public static final int VERSION = 1;

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");

    private static final Set<String> KEYS = Set.of(
            "id", "description", "weight", "pattern", "group", "triggers", "table", "words", "match", "not_match");

    /** The policy key under which a policy adds rules. */
    public static final String POLICY_KEY = "screening.rules";

    private RulePackReader() {}

    /** The rules of one file's text; {@code bounded} for rules that come with a policy. */
    public static List<Rule> read(String file, String yaml, boolean bounded) throws RulePackException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(yaml));
        } catch (YAMLException e) {
            throw new RulePackException(file + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (!(root instanceof MappingNode top)) {
            throw new RulePackException(file + ":1: a rule file is a mapping with 'version: 1' and 'rules:'");
        }
        Map<String, Node> keys = mapping(file, top, Set.of("version", "rules"), "the rule file");
        Node version = keys.get("version");
        if (version == null || !String.valueOf(VERSION).equals(scalar(file, version, "version"))) {
            throw new RulePackException(where(file, version == null ? top : version)
                    + ": the rule file must say 'version: " + VERSION + "' (the only format this agent reads)");
        }
        Node rules = keys.get("rules");
        if (!(rules instanceof SequenceNode list)) {
            throw new RulePackException(
                    where(file, rules == null ? top : rules) + ": 'rules:' must be a list of rules");
        }
        List<Rule> out = new ArrayList<>();
        for (Node each : list.getValue()) {
            out.add(rule(file, each, bounded));
        }
        return out;
    }

    /** One rule given as a mapping already read (a policy's {@code screening.rules.add} entry). */
    public static Rule rule(String origin, Map<?, ?> values, boolean bounded) throws RulePackException {
        String yaml = new Yaml().dump(values);
        try {
            Node node = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(yaml));
            return rule(origin, node, bounded, origin);
        } catch (YAMLException e) {
            throw new RulePackException(origin + ": " + firstLine(e.getMessage()));
        }
    }

    private static Rule rule(String file, Node node, boolean bounded) throws RulePackException {
        return rule(file, node, bounded, null);
    }

    private static Rule rule(String file, Node node, boolean bounded, String fixedOrigin) throws RulePackException {
        if (!(node instanceof MappingNode map)) {
            throw new RulePackException(
                    where(file, node, fixedOrigin) + ": a rule is a mapping with id, description, ...");
        }
        String origin = fixedOrigin != null ? fixedOrigin : where(file, node);
        Node idNode = findKey(map, "id");
        String id = idNode == null ? null : scalar(file, idNode, "id");
        String label = origin + ": rule '" + id + "'";
        if (id == null || !ID.matcher(id).matches()) {
            throw new RulePackException(origin + ": "
                    + (id == null ? "the rule has no id" : "'" + id + "' is not a rule id")
                    + "; an id is a group and a name in lower case, e.g. injection.ignore-previous");
        }
        Map<String, Node> keys = mapping(file, map, KEYS, "rule '" + id + "'");
        String description = text(file, keys.get("description"), "description");
        if (description == null) {
            throw new RulePackException(label + ": the description is missing; say what the rule catches");
        }
        int weight = integer(label, file, keys.get("weight"), "weight", 1, 1, 100);
        String regex = text(file, keys.get("pattern"), "pattern");
        String table = text(file, keys.get("table"), "table");
        List<String> words = strings(file, keys.get("words"), "words");
        if ((regex == null) == (table == null)) {
            throw new RulePackException(label + ": give either 'pattern' (an expression) or 'table' and 'words'");
        }
        if (table != null && (words == null || words.isEmpty())) {
            throw new RulePackException(label + ": a table rule needs 'words', a list of at least one word");
        }
        List<String> match = strings(file, keys.get("match"), "match");
        List<String> notMatch = strings(file, keys.get("not_match"), "not_match");
        if (match == null || match.isEmpty()) {
            throw new RulePackException(label + ": give at least one example under 'match', text the rule must catch");
        }
        Pattern pattern = null;
        if (regex != null) {
            String backtracking = Backtracking.nestedRepetition(regex);
            if (backtracking != null) {
                throw new RulePackException(label + ": the pattern can backtrack without end: " + backtracking);
            }
            try {
                boolean ascii = regex.chars().allMatch(c -> c < 128);
                pattern = Pattern.compile(regex, ascii ? 0 : Pattern.UNICODE_CHARACTER_CLASS);
            } catch (PatternSyntaxException e) {
                throw new RulePackException(label + ": the pattern is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
        int group = integer(
                label,
                file,
                keys.get("group"),
                "group",
                0,
                0,
                pattern == null ? 0 : pattern.matcher("").groupCount());
        Set<String> lowerWords = new LinkedHashSet<>();
        if (words != null) {
            words.forEach(w -> lowerWords.add(w.toLowerCase(Locale.ROOT)));
        }
        Rule rule = new Rule(
                id,
                description,
                weight,
                pattern,
                group,
                table,
                lowerWords,
                strings(file, keys.get("triggers"), "triggers"),
                match,
                notMatch == null ? List.of() : notMatch,
                origin,
                bounded);
        checkExamples(label, rule);
        return rule;
    }

    /** Each {@code match} example is caught, each {@code not_match} one is not. */
    static void checkExamples(String label, Rule rule) throws RulePackException {
        for (String example : rule.match()) {
            if (!catches(rule, example)) {
                throw new RulePackException(label + ": the example '" + example + "' under match is not caught"
                        + (rule.pattern() != null && !rule.mayMatch(example)
                                ? " (it holds none of the triggers)"
                                : ""));
            }
        }
        for (String example : rule.notMatch()) {
            if (catches(rule, example)) {
                throw new RulePackException(label + ": the example '" + example + "' under not_match is caught");
            }
        }
    }

    private static boolean catches(Rule rule, String example) {
        if (rule.pattern() == null) {
            return rule.words().contains(example.toLowerCase(Locale.ROOT));
        }
        return rule.mayMatch(example) && rule.find(example);
    }

    private static Map<String, Node> mapping(String file, MappingNode map, Set<String> known, String what)
            throws RulePackException {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = scalar(file, tuple.getKeyNode(), "key");
            if (!known.contains(key)) {
                throw new RulePackException(where(file, tuple.getKeyNode()) + ": " + what + ": unknown key '" + key
                        + "'; known keys: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
            if (out.put(key, tuple.getValueNode()) != null) {
                throw new RulePackException(
                        where(file, tuple.getKeyNode()) + ": " + what + ": '" + key + "' is given twice");
            }
        }
        return out;
    }

    private static Node findKey(MappingNode map, String key) {
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    private static String scalar(String file, Node node, String what) throws RulePackException {
        if (!(node instanceof ScalarNode s)) {
            throw new RulePackException(
                    where(file, node) + ": " + what + " must be a single value, not a list or mapping");
        }
        return s.getValue();
    }

    private static String text(String file, Node node, String what) throws RulePackException {
        if (node == null) {
            return null;
        }
        String value = scalar(file, node, what);
        if (value.isEmpty()) {
            throw new RulePackException(where(file, node) + ": " + what + " is empty");
        }
        return value;
    }

    private static int integer(String label, String file, Node node, String what, int fallback, int min, int max)
            throws RulePackException {
        if (node == null) {
            return fallback;
        }
        String value = scalar(file, node, what);
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RulePackException(
                label + ": " + what + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static List<String> strings(String file, Node node, String what) throws RulePackException {
        if (node == null) {
            return null;
        }
        if (!(node instanceof SequenceNode list)) {
            throw new RulePackException(where(file, node) + ": " + what + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Node each : list.getValue()) {
            String value = scalar(file, each, what);
            if (value.isEmpty()) {
                throw new RulePackException(where(file, each) + ": " + what + " holds an empty string");
            }
            out.add(value);
        }
        return out;
    }

    private static String where(String file, Node node) {
        if (file.startsWith(POLICY_KEY)) {
            // a policy's rule: the policy loader has the lines, the key is what names the place here
            return file;
        }
        return file + ":"
                + (node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1);
    }

    private static String where(String file, Node node, String fixedOrigin) {
        return fixedOrigin != null ? fixedOrigin : where(file, node);
    }

    private static String firstLine(String message) {
        return message == null ? "syntax error" : message.lines().findFirst().orElse("syntax error");
    }
}
