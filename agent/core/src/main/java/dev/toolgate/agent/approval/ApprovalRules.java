package dev.toolgate.agent.approval;

import dev.toolgate.agent.config.Durations;
import dev.toolgate.agent.decision.CallTrace;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.policy.ApprovalAction;
import dev.toolgate.agent.policy.ApprovalRule;
import dev.toolgate.agent.policy.Glob;
import dev.toolgate.agent.policy.GrantScope;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.policy.RoleApproval;
import dev.toolgate.agent.policy.RolePolicy;
import java.lang.reflect.Array;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what a call needs before it runs. In this order:
 * <ol>
 *   <li>the role's rules that match the call (tool, risk, every {@code when} condition): if any of them says
 *       {@code deny}, the call is denied; otherwise the first matching rule, in file order, decides;</li>
 *   <li>the role's {@code defaults} for the tool's risk class;</li>
 *   <li>the policy's {@code approval.defaults} for the risk class;</li>
 *   <li>built in: read allow, modify log, delete approve, external approve.</li>
 * </ol>
 * Permission was checked before: a tool the role may not use is never offered for approval.
 */
final class ApprovalRules {

    static final Map<RiskLevel, ApprovalAction> BUILT_IN = Map.of(
            RiskLevel.READ, ApprovalAction.ALLOW,
            RiskLevel.MODIFY, ApprovalAction.LOG,
            RiskLevel.DELETE, ApprovalAction.APPROVE,
            RiskLevel.EXTERNAL, ApprovalAction.APPROVE);

    private final Duration defaultTimeout;
    private final Map<RiskLevel, Requirement> policyDefaults = new EnumMap<>(RiskLevel.class);
    private final Map<String, RoleRules> roles = new HashMap<>();

    ApprovalRules(Policy policy, Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
        for (RiskLevel risk : RiskLevel.values()) {
            ApprovalAction fromPolicy = actionFor(policy.approval().defaults(), risk);
            policyDefaults.put(
                    risk,
                    fromPolicy != null
                            ? new Requirement(
                                    fromPolicy,
                                    "approval.defaults." + risk.wireName(),
                                    "approval.defaults." + risk.wireName(),
                                    defaultTimeout,
                                    GrantScope.SESSION)
                            : new Requirement(
                                    BUILT_IN.get(risk),
                                    "built-in default for " + risk.wireName(),
                                    "built-in",
                                    defaultTimeout,
                                    GrantScope.SESSION));
        }
        policy.roles().forEach((name, role) -> roles.put(name, new RoleRules(name, role)));
    }

    Requirement requirementFor(ToolCall call, RiskLevel risk) {
        RoleRules role = roles.get(call.caller().role());
        Requirement fromRole = role == null ? null : role.requirementFor(call, risk);
        return fromRole != null ? fromRole : policyDefaults.get(risk);
    }

    /** {@link #requirementFor}, recording in {@code trace} each rule of the role and whether it matched. */
    Requirement explain(ToolCall call, RiskLevel risk, CallTrace trace) {
        RoleRules role = roles.get(call.caller().role());
        Requirement fromRole = role == null ? null : role.explain(call, risk, trace);
        if (fromRole != null) {
            return fromRole;
        }
        Requirement fallback = policyDefaults.get(risk);
        trace.add(
                "approval",
                fallback.action().wireName(),
                (fallback.ruleId().equals("built-in")
                                ? "no rule or default of the role or the policy applies; the built-in default for "
                                        + risk.wireName()
                                : "no rule or default of the role applies; the policy's default for " + risk.wireName())
                        + " is " + fallback.action().wireName(),
                fallback.ruleId().equals("built-in") ? null : fallback.rule());
        return fallback;
    }

    /**
     * What a call that an earlier stage sent for approval needs when the rules themselves would let it through:
     * a person's answer within the default timeout, for this call only.
     */
    Requirement escalation(String rule) {
        return new Requirement(ApprovalAction.APPROVE, rule, rule, defaultTimeout, GrantScope.ONCE);
    }

    private static ApprovalAction actionFor(Map<String, ApprovalAction> defaults, RiskLevel risk) {
        for (Map.Entry<String, ApprovalAction> entry : defaults.entrySet()) {
            if (RiskLevel.parse(entry.getKey()) == risk) {
                return entry.getValue();
            }
        }
        return null;
    }

    private final class RoleRules {
        private final List<CompiledRule> rules = new ArrayList<>();
        private final Map<RiskLevel, Requirement> defaults = new EnumMap<>(RiskLevel.class);

        RoleRules(String name, RolePolicy policy) {
            RoleApproval approval = policy.approval();
            if (approval == null) {
                return;
            }
            String key = "roles." + name + ".approval";
            for (int i = 0; i < approval.rules().size(); i++) {
                rules.add(new CompiledRule(
                        key + ".rules[" + i + "]", approval.rules().get(i)));
            }
            for (RiskLevel risk : RiskLevel.values()) {
                ApprovalAction action = actionFor(approval.defaults(), risk);
                if (action != null) {
                    String ruleKey = key + ".defaults." + risk.wireName();
                    defaults.put(risk, new Requirement(action, ruleKey, ruleKey, defaultTimeout, GrantScope.SESSION));
                }
            }
        }

        Requirement requirementFor(ToolCall call, RiskLevel risk) {
            CompiledRule first = null;
            for (CompiledRule rule : rules) {
                if (rule.matches(call, risk)) {
                    if (rule.requirement.action() == ApprovalAction.DENY) {
                        return rule.requirement;
                    }
                    if (first == null) {
                        first = rule;
                    }
                }
            }
            return first != null ? first.requirement : defaults.get(risk);
        }

        Requirement explain(ToolCall call, RiskLevel risk, CallTrace trace) {
            CompiledRule first = null;
            for (CompiledRule rule : rules) {
                String mismatch = rule.mismatch(call, risk);
                if (mismatch != null) {
                    trace.add("approval", "no match", rule.describe() + ": " + mismatch, rule.requirement.rule());
                    continue;
                }
                if (rule.requirement.action() == ApprovalAction.DENY) {
                    trace.add(
                            "approval",
                            "match",
                            rule.describe() + " matches and denies; a matching deny rule always wins",
                            rule.requirement.rule());
                    return rule.requirement;
                }
                trace.add(
                        "approval",
                        "match",
                        rule.describe() + " matches ("
                                + rule.requirement.action().wireName() + ")"
                                + (first == null ? "" : "; an earlier matching rule decides"),
                        rule.requirement.rule());
                if (first == null) {
                    first = rule;
                }
            }
            if (first != null) {
                return first.requirement;
            }
            Requirement fallback = defaults.get(risk);
            if (fallback != null) {
                trace.add(
                        "approval",
                        fallback.action().wireName(),
                        "no rule of the role matches; the role's default for " + risk.wireName() + " is "
                                + fallback.action().wireName(),
                        fallback.rule());
            }
            return fallback;
        }
    }

    private final class CompiledRule {
        private final List<Glob> tools;
        private final RiskLevel risk;
        private final Map<String, List<Glob>> conditions = new HashMap<>();
        private final Requirement requirement;

        CompiledRule(String key, ApprovalRule rule) {
            this.tools = rule.tools().stream().map(Glob::of).toList();
            this.risk = rule.risk();
            rule.when().forEach((parameter, patterns) -> conditions.put(parameter, globs(patterns)));
            Duration timeout = rule.timeout() == null ? defaultTimeout : Durations.parse(rule.timeout());
            this.requirement = new Requirement(
                    rule.action(),
                    key,
                    rule.id() == null ? key : rule.id(),
                    timeout,
                    rule.maxGrant() == null ? GrantScope.SESSION : rule.maxGrant());
        }

        boolean matches(ToolCall call, RiskLevel callRisk) {
            if (risk != null && risk != callRisk) {
                return false;
            }
            if (tools.stream().noneMatch(glob -> glob.matches(call.tool().name()))) {
                return false;
            }
            for (Map.Entry<String, List<Glob>> condition : conditions.entrySet()) {
                if (!holds(condition.getValue(), call.argument(condition.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        /** Why the rule does not match the call, or null when it does: for explanations. */
        String mismatch(ToolCall call, RiskLevel callRisk) {
            if (risk != null && risk != callRisk) {
                return "it applies to " + risk.wireName() + " tools, this one is " + callRisk.wireName();
            }
            if (tools.stream().noneMatch(glob -> glob.matches(call.tool().name()))) {
                return "its tools " + tools + " do not include '" + call.tool().name() + "'";
            }
            for (Map.Entry<String, List<Glob>> condition : conditions.entrySet()) {
                Object value = call.argument(condition.getKey());
                if (!holds(condition.getValue(), value)) {
                    return value == null
                            ? "when." + condition.getKey() + ": the call has no argument '" + condition.getKey() + "'"
                            : "when." + condition.getKey() + ": " + shown(value) + " does not match "
                                    + condition.getValue();
                }
            }
            return null;
        }

        String describe() {
            // The rule's key is printed beside every trace line; its id is what the author wrote.
            return requirement.ruleId().equals(requirement.rule()) ? "the rule" : "rule '" + requirement.ruleId() + "'";
        }

        private String shown(Object value) {
            String text = value instanceof String ? "'" + value + "'" : String.valueOf(value);
            return text.length() > 200 ? text.substring(0, 200) + "…" : text;
        }

        /** A list or array argument holds when every element does; a missing argument never holds. */
        private boolean holds(List<Glob> patterns, Object value) {
            if (value == null) {
                return false;
            }
            if (value instanceof Collection<?> collection) {
                return !collection.isEmpty() && collection.stream().allMatch(element -> holdsScalar(patterns, element));
            }
            if (value.getClass().isArray() && !(value instanceof char[])) {
                int length = Array.getLength(value);
                for (int i = 0; i < length; i++) {
                    if (!holdsScalar(patterns, Array.get(value, i))) {
                        return false;
                    }
                }
                return length > 0;
            }
            return holdsScalar(patterns, value);
        }

        /** Nested containers never hold: a condition speaks of one value or one list of values. */
        private boolean holdsScalar(List<Glob> patterns, Object value) {
            if (value == null
                    || value instanceof Collection<?>
                    || value instanceof Map<?, ?>
                    || value.getClass().isArray()) {
                return false;
            }
            String text = String.valueOf(value);
            return patterns.stream().anyMatch(glob -> glob.matches(text));
        }

        private List<Glob> globs(Object patterns) {
            if (patterns instanceof List<?> list) {
                return list.stream()
                        .map(pattern -> Glob.ofArgumentValue((String) pattern))
                        .toList();
            }
            return List.of(Glob.ofArgumentValue((String) patterns));
        }
    }
}
