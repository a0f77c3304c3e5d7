package dev.toolgate.agent.approval;

import dev.toolgate.agent.config.Durations;
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
