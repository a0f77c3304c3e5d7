package dev.toolgate.agent.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import dev.toolgate.agent.decision.Approval;
import dev.toolgate.agent.decision.CallStage;
import dev.toolgate.agent.decision.CallTrace;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.Outcome;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.instrument.ParameterType;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.policy.DataAccess;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.policy.RolePolicy;
import dev.toolgate.agent.screening.Finding;
import dev.toolgate.agent.screening.ScreenAction;
import dev.toolgate.agent.screening.SecretScanner;
import dev.toolgate.agent.validation.schema.ArgumentSchemas;
import dev.toolgate.agent.validation.schema.JsonArguments;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The argument-validation step of the pipeline, after permission. In order, the first refusal wins:
 * <ol>
 *   <li>the arguments' JSON Schema: derived from the signature, tightened by the policy's fragment;</li>
 *   <li>the validators the policy attaches to parameters ({@code tools.NAME.params});</li>
 *   <li>the role's {@code data_access}: {@code namespaces} for arguments named namespace, {@code secrets: false}
 *       and {@code configmaps: false} for arguments naming a resource;</li>
 *   <li>exfiltration: secrets and sensitive values in the arguments of EXTERNAL tools;</li>
 *   <li>prompt-injection screening of string arguments (flag, or block).</li>
 * </ol>
 * Arguments are walked within fixed bounds (depth, count, length): what exceeds them is refused, never skipped.
 */
public final class ArgumentValidationStage implements CallStage {

    private static final int MAX_STRINGS = 10_000;

    private final ValidationSettings settings;
    private final Map<String, DataAccess> dataAccess;
    private final Map<Integer, Plan> plans = new ConcurrentHashMap<>();

    public ArgumentValidationStage(Policy policy) throws SettingException {
        this.settings = ValidationSettings.compile(policy);
        Map<String, DataAccess> access = new java.util.HashMap<>();
        for (Map.Entry<String, RolePolicy> role : policy.roles().entrySet()) {
            if (role.getValue().dataAccess() != null) {
                access.put(role.getKey(), role.getValue().dataAccess());
            }
        }
        this.dataAccess = Map.copyOf(access);
    }

    public ValidationSettings settings() {
        return settings;
    }

    /** What is checked for one tool, compiled the first time it is called. */
    private record Plan(ToolChecks checks, Schema schema, boolean[] required, String rule) {}

    private Plan plan(ToolDescriptor tool) {
        return plans.computeIfAbsent(tool.id(), id -> {
            ToolChecks checks = settings.forTool(tool.name());
            Schema schema = checks.schemaFragment() != null || ArgumentSchemas.constrainsBeyondJava(tool)
                    ? ArgumentSchemas.compile(tool, checks.schemaFragment())
                    : null;
            boolean[] required = new boolean[tool.parameterNames().size()];
            for (int i = 0; i < required.length && i < tool.parameterTypes().size(); i++) {
                ParameterType type = tool.parameterTypes().get(i);
                required[i] = type.required() && !isPrimitive(type.typeName());
            }
            return new Plan(checks, schema, required, "tools." + tool.name());
        });
    }

    @Override
    public Decision apply(ToolCall call, Decision current) {
        return decide(call, current, null);
    }

    /** {@link #apply}, recording each check's verdict on each parameter in {@code trace}. */
    @Override
    public Decision explain(ToolCall call, Decision current, CallTrace trace) {
        return decide(call, current, trace);
    }

    /** @param trace null on the gate's own calls: every use below is behind a null check */
    private Decision decide(ToolCall call, Decision current, CallTrace trace) {
        ToolDescriptor tool = call.tool();
        Plan plan = plan(tool);
        ToolChecks checks = plan.checks();
        List<String> names = tool.parameterNames();
        Object[] arguments = call.arguments() == null ? new Object[0] : call.arguments();
        String rule = plan.rule();

        for (int i = 0; i < plan.required().length && i < arguments.length; i++) {
            if (plan.required()[i] && arguments[i] == null) {
                return traced(
                        trace,
                        "schema",
                        current.then(
                                Outcome.DENY,
                                "argument schema: /" + names.get(i) + ": the required parameter '" + names.get(i)
                                        + "' is null",
                                rule + ".schema"));
            }
        }
        if (plan.schema() != null) {
            try {
                ObjectNode json = JsonArguments.toJson(names, arguments);
                String violation = ArgumentSchemas.violation(plan.schema(), json);
                if (violation != null) {
                    return traced(
                            trace,
                            "schema",
                            current.then(Outcome.DENY, "argument schema: " + violation, rule + ".schema"));
                }
            } catch (JsonArguments.TooLarge e) {
                return traced(
                        trace,
                        "schema",
                        current.then(Outcome.DENY, "argument schema: " + e.getMessage(), rule + ".schema"));
            }
            if (trace != null) {
                trace.add(
                        "validation",
                        "pass",
                        "schema: the arguments match "
                                + (checks.schemaFragment() != null
                                        ? "the policy's schema fragment"
                                        : "the schema derived from the signature"),
                        rule + ".schema");
            }
        } else if (trace != null) {
            trace.add("validation", "skip", "schema: no schema beyond the parameters' Java types", null);
        }

        List<Leaf> leaves = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            String name = i < names.size() ? names.get(i) : "arg" + i;
            String problem = Leaves.collect(arguments[i], name, leaves, MAX_STRINGS);
            if (problem != null) {
                return traced(
                        trace,
                        "arguments",
                        current.then(Outcome.DENY, "argument '" + name + "': " + problem, rule + ".params"));
            }
        }

        for (Map.Entry<String, List<ArgumentValidator>> param :
                checks.validators().entrySet()) {
            int index = names.indexOf(param.getKey());
            if (index < 0) {
                if (trace != null) {
                    trace.add(
                            "validation",
                            "skip",
                            "params." + param.getKey() + ": the call has no argument named '" + param.getKey() + "'",
                            rule + ".params." + param.getKey());
                }
                continue;
            }
            Object value = index < arguments.length ? arguments[index] : null;
            for (ArgumentValidator validator : param.getValue()) {
                Verdict refused = validate(param.getKey(), value, leaves, validator);
                if (refused != null) {
                    return traced(
                            trace,
                            "params." + param.getKey() + " (" + validator.type() + ")",
                            current.thenByRule(
                                    Outcome.DENY,
                                    refused.reason(),
                                    refused.rule(),
                                    rule + ".params." + param.getKey()));
                }
                if (trace != null) {
                    trace.add(
                            "validation",
                            "pass",
                            "params." + param.getKey() + ": " + validator.type() + " accepts the argument",
                            rule + ".params." + param.getKey());
                }
            }
        }

        DataAccess access = call.caller().role() == null
                ? null
                : dataAccess.get(call.caller().role());
        if (access != null) {
            String reason = DataAccessCheck.check(access, leaves);
            if (reason != null) {
                return traced(
                        trace,
                        "data_access",
                        current.then(
                                Outcome.DENY, reason, "roles." + call.caller().role() + ".data_access"));
            }
            if (trace != null) {
                trace.add(
                        "validation",
                        "pass",
                        "data_access: no argument names a namespace or resource the role may not use",
                        "roles." + call.caller().role() + ".data_access");
            }
        }

        Decision decision = current;
        if (current.risk() == RiskLevel.EXTERNAL && checks.exfiltration() != ExfiltrationAction.OFF) {
            String found = secrets(leaves);
            if (found != null) {
                String reason = "possible exfiltration: " + found;
                String exfilRule = rule + ".exfiltration";
                switch (checks.exfiltration()) {
                    case DENY -> {
                        return traced(trace, "exfiltration", current.then(Outcome.DENY, reason, exfilRule));
                    }
                    case APPROVE -> {
                        decision = decision.withApproval(
                                Outcome.ALLOW, reason, exfilRule, new Approval(Approval.REQUIRED, null, null));
                        if (trace != null) {
                            trace.add("validation", "approve", "exfiltration: " + reason, exfilRule);
                        }
                    }
                    default -> {
                        decision = flagged(decision, reason, exfilRule);
                        if (trace != null) {
                            trace.add("validation", "flag", "exfiltration: " + reason, exfilRule);
                        }
                    }
                }
            } else if (trace != null) {
                trace.add("validation", "pass", "exfiltration: no secrets in the arguments", rule + ".exfiltration");
            }
        } else if (trace != null) {
            trace.add(
                    "validation",
                    "skip",
                    "exfiltration: "
                            + (current.risk() != RiskLevel.EXTERNAL
                                    ? "only the arguments of external tools are scanned"
                                    : "off for this tool"),
                    null);
        }

        if (checks.screenArgs() != ScreenAction.OFF) {
            String finding = null;
            for (Leaf leaf : leaves) {
                Finding found = injection(leaf.text());
                finding = found == null ? null : findingText(leaf.text(), found);
                if (finding != null) {
                    String reason = "possible prompt injection in argument '" + leaf.path() + "' (" + finding + ")";
                    if (checks.screenArgs() == ScreenAction.BLOCK) {
                        return traced(
                                trace,
                                "screen_args",
                                current.thenByRule(Outcome.DENY, reason, found.rule(), rule + ".screen_args"));
                    }
                    decision = flagged(decision, reason, rule + ".screen_args");
                    if (trace != null) {
                        trace.add("validation", "flag", "screen_args: " + reason, rule + ".screen_args");
                    }
                    break;
                }
            }
            if (finding == null && trace != null) {
                trace.add(
                        "validation",
                        "pass",
                        "screen_args: no prompt injection in the arguments",
                        rule + ".screen_args");
            }
        } else if (trace != null) {
            trace.add("validation", "skip", "screen_args: prompt-injection screening is off for this tool", null);
        }
        return decision;
    }

    private static Decision traced(CallTrace trace, String check, Decision refusal) {
        if (trace != null) {
            trace.add("validation", "deny", check + ": " + refusal.reason(), refusal.rule());
        }
        return refusal;
    }

    /** The refusal of the argument {@code name}, with the rule that refused it, or null. */
    private Verdict validate(String name, Object value, List<Leaf> leaves, ArgumentValidator validator) {
        if (value == null) {
            return Verdict.deny(
                    "argument '" + name + "' is null; the " + validator.type() + " validator needs a value");
        }
        boolean any = false;
        for (Leaf leaf : leaves) {
            if (leaf.parameter().equals(name)) {
                any = true;
                Verdict verdict;
                try {
                    verdict = validator.check(leaf.text());
                } catch (RuntimeException | StackOverflowError e) {
                    verdict = Verdict.deny("the validator failed on this value ("
                            + e.getClass().getSimpleName() + ")");
                }
                if (!verdict.allowed()) {
                    return new Verdict(
                            false,
                            "argument '" + leaf.path() + "' refused by " + validator.type() + ": " + verdict.reason(),
                            verdict.rule());
                }
            }
        }
        if (!any
                && !(value instanceof java.util.Collection<?>
                        || value instanceof Map<?, ?>
                        || value.getClass().isArray())) {
            return Verdict.deny("argument '" + name + "' is a "
                    + value.getClass().getName() + ", which the " + validator.type() + " validator cannot read");
        }
        return null;
    }

    private String secrets(List<Leaf> leaves) {
        for (Leaf leaf : leaves) {
            if (leaf.text().length() > settings.maxScreenChars()) {
                return "argument '" + leaf.path() + "' is too long ("
                        + leaf.text().length() + " characters) to be" + " scanned for secrets";
            }
            List<SecretScanner.Secret> found = settings.secrets().find(leaf.text());
            if (!found.isEmpty()) {
                return "argument '" + leaf.path() + "' carries " + SecretScanner.describe(found);
            }
        }
        return null;
    }

    /** The detector's finding on {@code text} when it is flagged ({@link Finding#NONE} when too long to screen). */
    private Finding injection(String text) {
        if (text.length() > settings.maxScreenChars()) {
            return Finding.NONE;
        }
        Finding finding = settings.detector().scan(text);
        return finding.detected(settings.detector().threshold()) ? finding : null;
    }

    /** What the reason says of a flagged text: the rules that matched, or that it was too long to screen. */
    private static String findingText(String text, Finding found) {
        return found == Finding.NONE
                ? "too long to screen: " + text.length() + " characters"
                : String.join(", ", found.rules());
    }

    private static Decision flagged(Decision decision, String finding, String rule) {
        String reason = decision.reason() == null ? "flagged: " + finding : decision.reason() + "; flagged: " + finding;
        return decision.then(decision.outcome(), reason, rule);
    }

    private static boolean isPrimitive(String typeName) {
        return typeName.indexOf('.') < 0 && !typeName.endsWith("[]");
    }

    /** A string somewhere in an argument: which parameter, where inside it, and the text. */
    record Leaf(String parameter, String path, String text) {
        String key() {
            int slash = path.lastIndexOf('/');
            return (slash < 0 ? path : path.substring(slash + 1)).toLowerCase(Locale.ROOT);
        }
    }
}
