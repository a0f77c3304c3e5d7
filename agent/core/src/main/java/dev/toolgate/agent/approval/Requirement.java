package dev.toolgate.agent.approval;

import dev.toolgate.agent.policy.ApprovalAction;
import dev.toolgate.agent.policy.GrantScope;
import java.time.Duration;

/**
 * What the approval rules ask of one call.
 *
 * @param rule    the policy key that decided, e.g. {@code roles.ops.approval.rules[0]} or {@code approval.defaults.delete}
 * @param ruleId  the rule's {@code id} when it has one, else the key
 */
record Requirement(ApprovalAction action, String rule, String ruleId, Duration timeout, GrantScope maxGrant) {}
