package dev.toolgate.agent.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyCheck;
import dev.toolgate.agent.policy.ToolPolicy;
import dev.toolgate.agent.rules.RulePack;
import dev.toolgate.agent.screening.ClassifierStep;
import dev.toolgate.agent.screening.PromptInjectionDetector;
import dev.toolgate.agent.screening.ScreenAction;
import dev.toolgate.agent.screening.SecretScanner;
import dev.toolgate.agent.validation.schema.ArgumentSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The policy's validation settings, compiled once and immutable: named validators ({@code validators:}),
 * screening defaults ({@code screening:}) and each tool's checks ({@code tools.NAME.params}, {@code schema},
 * {@code screen_args}, {@code screen_result}, {@code exfiltration}). {@link #compile} is also what the policy
 * loader runs, so every mistake is reported with its key when the policy loads.
 */
public final class ValidationSettings {

    /** The policy loader's check that every validator option of a policy compiles. */
    public static final PolicyCheck POLICY_CHECK = policy -> {
        try {
            compile(policy);
        } catch (SettingException e) {
            throw new PolicyCheck.Problem(e.key(), e.getMessage());
        }
    };

    /** Strings longer than this are not screened; they count as findings (fail closed). */
    public static final int DEFAULT_MAX_SCREEN_CHARS = 1 << 20;

    private final Map<String, ArgumentValidator> named;
    private final Map<String, ToolChecks> tools;
    private final ScreenAction argumentsAction;
    private final ScreenAction resultsAction;
    private final ExfiltrationAction exfiltration;
    private final PromptInjectionDetector detector;
    private final SecretScanner secrets;
    private final int maxScreenChars;
    private final RulePack rules;

    private ValidationSettings(
            Map<String, ArgumentValidator> named,
            Map<String, ToolChecks> tools,
            ScreenAction argumentsAction,
            ScreenAction resultsAction,
            ExfiltrationAction exfiltration,
            PromptInjectionDetector detector,
            SecretScanner secrets,
            int maxScreenChars,
            RulePack rules) {
        this.rules = rules;
        this.named = Map.copyOf(named);
        this.tools = Map.copyOf(tools);
        this.argumentsAction = argumentsAction;
        this.resultsAction = resultsAction;
        this.exfiltration = exfiltration;
        this.detector = detector;
        this.secrets = secrets;
        this.maxScreenChars = maxScreenChars;
    }

    /** Settings for a policy without validation sections: screening on its defaults, no validators. */
    public static ValidationSettings defaults() {
        try {
            return compile(Map.of(), Map.of(), Map.of());
        } catch (SettingException e) {
            throw new IllegalStateException("the built-in defaults do not compile", e);
        }
    }

    public static ValidationSettings compile(Policy policy) throws SettingException {
        return compile(policy.validators(), policy.screening(), policy.tools());
    }

    private static ValidationSettings compile(
            Map<String, Map<String, Object>> validatorsSection,
            Map<String, Object> screeningSection,
            Map<String, ToolPolicy> toolsSection)
            throws SettingException {
        RulePack pack = PolicyRules.pack(screeningSection.get("rules"));
        Map<String, ArgumentValidator> named = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> entry : validatorsSection.entrySet()) {
            String key = "validators." + entry.getKey();
            if (entry.getValue() == null) {
                throw new SettingException(
                        key,
                        "the validator is empty. Give it a type, e.g. {type: shell-command,"
                                + " allow_programs: [ls]}.");
            }
            if (ValidatorFactory.TYPES.contains(entry.getKey())) {
                throw new SettingException(
                        key,
                        "'" + entry.getKey() + "' is the name of a built-in validator type;" + " choose another name.");
            }
            Options options = new Options(key, entry.getValue());
            String type = options.string("type", null);
            if (type == null) {
                throw new SettingException(
                        key + ".type",
                        "the type is missing. Use one of " + String.join(", ", ValidatorFactory.TYPES) + ".");
            }
            named.put(entry.getKey(), ValidatorFactory.create(type, options, pack));
        }

        Options screening = new Options("screening", screeningSection);
        Map<String, Object> injection = mapping(screeningSection.get("prompt_injection"), "screening.prompt_injection");
        screening.expect("prompt_injection");
        screening.expect("rules");
        Options injectionOptions = new Options("screening.prompt_injection", injection);
        ScreenAction arguments = ScreenAction.parse(injectionOptions.choice("arguments", "off", ScreenAction.NAMES));
        ScreenAction results = ScreenAction.parse(injectionOptions.choice("results", "off", ScreenAction.NAMES));
        int threshold = injectionOptions.integer("threshold", PromptInjectionDetector.DEFAULT_THRESHOLD, 1, 100);
        int maxChars = injectionOptions.integer("max_chars", DEFAULT_MAX_SCREEN_CHARS, 1, Integer.MAX_VALUE);
        injectionOptions.expect("classifier");
        ClassifierStep classifier =
                classifierStep(mapping(injection.get("classifier"), "screening.prompt_injection.classifier"));
        injectionOptions.finish();
        ExfiltrationAction exfiltration =
                ExfiltrationAction.parse(screening.choice("exfiltration", "deny", ExfiltrationAction.NAMES));
        List<String> sensitiveValues = screening.strings("sensitive_values", List.of());
        List<Pattern> sensitivePatterns = new ArrayList<>();
        for (String regex : screening.strings("sensitive_patterns", List.of())) {
            try {
                sensitivePatterns.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new SettingException(
                        screening.key("sensitive_patterns"),
                        "'" + regex + "' is not a valid" + " regular expression: " + e.getDescription() + ".");
            }
        }
        screening.finish();

        Map<String, ToolChecks> tools = new LinkedHashMap<>();
        for (Map.Entry<String, ToolPolicy> entry : toolsSection.entrySet()) {
            tools.put(
                    entry.getKey(),
                    toolChecks(entry.getKey(), entry.getValue(), named, arguments, results, exfiltration, pack));
        }
        return new ValidationSettings(
                named,
                tools,
                arguments,
                results,
                exfiltration,
                new PromptInjectionDetector(threshold, pack, classifier),
                new SecretScanner(sensitiveValues, sensitivePatterns, pack),
                maxChars,
                pack);
    }

    private static ToolChecks toolChecks(
            String tool,
            ToolPolicy policy,
            Map<String, ArgumentValidator> named,
            ScreenAction arguments,
            ScreenAction results,
            ExfiltrationAction exfiltration,
            RulePack pack)
            throws SettingException {
        String prefix = "tools." + tool;
        Map<String, List<ArgumentValidator>> validators = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> param : policy.params().entrySet()) {
            String key = prefix + ".params." + param.getKey();
            if (param.getValue() == null) {
                throw new SettingException(
                        key, "the parameter has no settings. Give it a validator, e.g." + " {validator: shell-arg}.");
            }
            Options options = new Options(key, param.getValue());
            String validator = options.string("validator", null);
            if (validator == null) {
                throw new SettingException(
                        key + ".validator",
                        "the validator is missing. Use one of "
                                + String.join(", ", ValidatorFactory.TYPES)
                                + (named.isEmpty()
                                        ? ""
                                        : ", or one of the" + " named validators " + String.join(", ", named.keySet()))
                                + ".");
            }
            ArgumentValidator compiled;
            if (named.containsKey(validator)) {
                options.finish();
                compiled = named.get(validator);
            } else {
                compiled = ValidatorFactory.create(validator, options, pack);
            }
            validators.put(param.getKey(), List.of(compiled));
        }
        JsonNode schema =
                policy.schema() == null ? null : ArgumentSchemas.checkFragment(policy.schema(), prefix + ".schema");
        ScreenAction screenArgs = policy.screenArgs() == null
                ? arguments
                : ScreenAction.parse(choice(prefix + ".screen_args", policy.screenArgs(), ScreenAction.NAMES));
        ScreenAction screenResult = policy.screenResult() == null
                ? results
                : ScreenAction.parse(choice(prefix + ".screen_result", policy.screenResult(), ScreenAction.NAMES));
        ExfiltrationAction exfil = policy.exfiltration() == null
                ? exfiltration
                : ExfiltrationAction.parse(
                        choice(prefix + ".exfiltration", policy.exfiltration(), ExfiltrationAction.NAMES));
        return new ToolChecks(tool, validators, schema, screenArgs, screenResult, exfil);
    }

    private static String choice(String key, String value, List<String> names) throws SettingException {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (!names.contains(lower)) {
            throw new SettingException(key, "'" + value + "' is not one of " + String.join(", ", names) + ".");
        }
        return lower;
    }

    /** The {@code classifier:} step of prompt-injection screening; off unless {@code enabled: true}. */
    private static ClassifierStep classifierStep(Map<String, Object> section) throws SettingException {
        Options options = new Options("screening.prompt_injection.classifier", section);
        boolean enabled = options.bool("enabled", false);
        double denyAt = options.number("deny_at", ClassifierStep.DEFAULT_DENY_AT, 0.5, 1);
        double assistAt = options.number("assist_at", Math.min(denyAt, ClassifierStep.DEFAULT_ASSIST_AT), 0.5, 1);
        options.finish();
        if (assistAt > denyAt) {
            throw new SettingException(
                    options.key("assist_at"),
                    "assist_at (" + assistAt + ") is above deny_at (" + denyAt + "): the weak signal must start at"
                            + " or below the strong one.");
        }
        return enabled ? ClassifierStep.builtIn(denyAt, assistAt) : ClassifierStep.OFF;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object value, String key) throws SettingException {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new SettingException(key, "expected a mapping, e.g. {arguments: flag, results: redact}.");
        }
        return (Map<String, Object>) map;
    }

    /** The checks for {@code tool}: its policy entry, or the defaults when it has none. */
    public ToolChecks forTool(String tool) {
        ToolChecks checks = tools.get(tool);
        return checks != null
                ? checks
                : new ToolChecks(tool, Map.of(), null, argumentsAction, resultsAction, exfiltration);
    }

    /**
     * A validator by name: one of the policy's named validators, or a built-in type with its default options.
     */
    public ArgumentValidator validator(String name) throws SettingException {
        ArgumentValidator validator = named.get(name);
        if (validator != null) {
            return validator;
        }
        if (name.equals(TextScreeningValidator.PROMPT_INJECTION)) {
            return TextScreeningValidator.promptInjection(detector, maxScreenChars);
        }
        if (name.equals(TextScreeningValidator.SECRETS)) {
            return TextScreeningValidator.secrets(secrets, maxScreenChars);
        }
        return ValidatorFactory.create(name, Options.none("validator"), rules);
    }

    public PromptInjectionDetector detector() {
        return detector;
    }

    public SecretScanner secrets() {
        return secrets;
    }

    public int maxScreenChars() {
        return maxScreenChars;
    }

    /** The rule pack the validators match with: the built-in one as {@code screening.rules} changes it. */
    public RulePack rules() {
        return rules;
    }
}
