package dev.toolgate.agent.validation;

import dev.toolgate.agent.rules.Rule;
import dev.toolgate.agent.rules.RulePack;
import dev.toolgate.agent.rules.RulePackException;
import dev.toolgate.agent.rules.RulePackReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code screening.rules}: the rules of the built-in pack a policy turns off ({@code disable: [ids]}) and the
 * rules it adds ({@code add:}, each of the shape of a rule file's rules). A mistake in either fails the policy's
 * load, so a broken rule never leaves a validator running without the rule it was meant to have.
 */
final class PolicyRules {

    private static final String KEY = RulePackReader.POLICY_KEY;

    private PolicyRules() {}

    /** The loader puts the key in front of the message itself. */
    private static String withoutPrefix(String message, String key) {
        return message.startsWith(key) ? message.substring(message.indexOf(": ") + 2) : message;
    }

    static RulePack pack(Object section) throws SettingException {
        if (section == null) {
            return RulePack.builtIn();
        }
        if (!(section instanceof Map<?, ?>)) {
            throw new SettingException(KEY, "expected a mapping, e.g. {disable: [injection.jail], add: [...]}.");
        }
        @SuppressWarnings("unchecked")
        Options options = new Options(KEY, (Map<String, Object>) section);
        List<String> disable = options.strings("disable", List.of());
        options.expect("add");
        options.finish();
        Object add = ((Map<?, ?>) section).get("add");
        List<Rule> added = new ArrayList<>();
        if (add != null) {
            if (!(add instanceof List<?> list)) {
                throw new SettingException(KEY + ".add", "expected a list of rules (id, description, pattern, match).");
            }
            for (int i = 0; i < list.size(); i++) {
                String key = KEY + ".add[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> values)) {
                    throw new SettingException(key, "expected a rule: a mapping with id, description, pattern, match.");
                }
                try {
                    added.add(RulePackReader.rule(key, values, true));
                } catch (RulePackException e) {
                    throw new SettingException(key, withoutPrefix(e.getMessage(), key) + ".");
                }
            }
        }
        try {
            return RulePack.builtIn().with(disable, added);
        } catch (RulePackException e) {
            throw new SettingException(KEY, withoutPrefix(e.getMessage(), KEY) + ".");
        }
    }
}
