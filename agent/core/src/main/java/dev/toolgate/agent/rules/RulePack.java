package dev.toolgate.agent.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules validators and screening match with: the pack shipped in the agent ({@code rules/*.yaml}), less
 * the rules a policy disables, plus the rules it adds. Immutable; ids are unique.
 */
public final class RulePack {

    /** The shipped rule files, in the order their rules run. */
    public static final List<String> BUILT_IN_FILES = List.of(
            "rules/injection.yaml",
            "rules/injection-languages.yaml",
            "rules/secrets.yaml",
            "rules/shell.yaml",
            "rules/sql.yaml");

    private static volatile RulePack builtIn;

    private final Map<String, Rule> byId;

    private RulePack(Collection<Rule> rules) {
        Map<String, Rule> map = new LinkedHashMap<>();
        rules.forEach(rule -> map.put(rule.id(), rule));
        this.byId = java.util.Collections.unmodifiableMap(map);
    }

    /** Rules in order, ids checked for duplicates. */
    public static RulePack of(List<Rule> rules) throws RulePackException {
        Map<String, Rule> seen = new LinkedHashMap<>();
        for (Rule rule : rules) {
            Rule earlier = seen.putIfAbsent(rule.id(), rule);
            if (earlier != null) {
                throw new RulePackException(rule.origin() + ": rule '" + rule.id() + "': the id is already taken by"
                        + " the rule at " + earlier.origin() + "; every rule needs an id of its own");
            }
        }
        return new RulePack(seen.values());
    }

    /** The pack shipped in the agent, read once; a broken shipped pack is a broken build. */
    public static RulePack builtIn() {
        RulePack pack = builtIn;
        if (pack == null) {
            try {
                pack = read(RulePack.class.getClassLoader(), BUILT_IN_FILES);
            } catch (RulePackException e) {
                throw new IllegalStateException("the agent's built-in rule pack is broken: " + e.getMessage(), e);
            }
            builtIn = pack;
        }
        return pack;
    }

    static RulePack read(ClassLoader loader, List<String> files) throws RulePackException {
        List<Rule> rules = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = loader.getResourceAsStream(file)) {
                if (in == null) {
                    throw new RulePackException(file + ": the rule file is missing from the agent jar");
                }
                rules.addAll(RulePackReader.read(file, new String(in.readAllBytes(), StandardCharsets.UTF_8), false));
            } catch (IOException e) {
                throw new UncheckedIOException(file + " cannot be read", e);
            }
        }
        return of(rules);
    }

    /**
     * This pack without the rules {@code disabled} names and with {@code added} after the rest.
     *
     * @throws RulePackException when a disabled id names no rule, or an added one takes an id in use
     */
    public RulePack with(Collection<String> disabled, List<Rule> added) throws RulePackException {
        Set<String> off = new LinkedHashSet<>(disabled);
        for (String id : off) {
            if (!byId.containsKey(id)) {
                throw new RulePackException(RulePackReader.POLICY_KEY + ".disable: '" + id
                        + "' is not the id of a rule; 'toolgate rules list' shows them");
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (Rule rule : byId.values()) {
            if (!off.contains(rule.id())) {
                rules.add(rule);
            }
        }
        rules.addAll(added);
        return of(rules);
    }

    public List<Rule> all() {
        return List.copyOf(byId.values());
    }

    public Rule rule(String id) {
        return byId.get(id);
    }

    /** The pattern rules of a group ({@code injection}, {@code secret}, ...), in order. */
    public List<Rule> group(String group) {
        List<Rule> out = new ArrayList<>();
        for (Rule rule : byId.values()) {
            if (rule.pattern() != null && rule.groupName().equals(group)) {
                out.add(rule);
            }
        }
        return out;
    }

    /** A word table: the words of every rule that adds to it, and which rule each word comes from. */
    public Map<String, String> table(String table) {
        Map<String, String> words = new LinkedHashMap<>();
        for (Rule rule : byId.values()) {
            if (table.equals(rule.table())) {
                rule.words().forEach(word -> words.putIfAbsent(word, rule.id()));
            }
        }
        return java.util.Collections.unmodifiableMap(words);
    }
}
