package dev.toolgate.agent.provenance;

import dev.toolgate.agent.decision.Approval;
import dev.toolgate.agent.decision.CallStage;
import dev.toolgate.agent.decision.CallTrace;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.Flow;
import dev.toolgate.agent.decision.Outcome;
import dev.toolgate.agent.decision.ResultCapture;
import dev.toolgate.agent.decision.ResultReceipt;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.policy.ProvenancePolicy.FlowAction;
import dev.toolgate.agent.policy.ProvenancePolicy.TrustedFlow;
import dev.toolgate.agent.policy.ResultLabel;
import dev.toolgate.agent.policy.RiskLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The flow rules of one policy version: before a sink call runs, whether an argument is derived from untrusted
 * (or confidential) data of the conversation, and what that needs; after any call, its result remembered as
 * untrusted, confidential or trusted. Calls of roles without rules pass untouched, at the cost of one map look-up.
 */
public final class ProvenanceStage implements CallStage, ResultCapture {

    private final FlowRules rules;
    private final Ledgers ledgers;

    ProvenanceStage(FlowRules rules, Ledgers ledgers) {
        this.rules = rules;
        this.ledgers = ledgers;
    }

    /** Whether any role of the policy is tracked; when none is, neither the stage nor the capture is installed. */
    public boolean active() {
        return rules.tracksAnyRole();
    }

    boolean tracks(String role) {
        return rules.role(role) != null;
    }

    Ledgers.Limits limits() {
        return rules.limits();
    }

    @Override
    public ResultReceipt captured(ToolCall call, String text) {
        Caller caller = call.caller();
        if (caller == null || rules.role(caller.role()) == null) {
            return null;
        }
        ResultLabel label = rules.tool(call.tool().name()).result();
        if (text == null) {
            // The model may still see what Toolgate could not read: from now on nothing is shown to be clean.
            ledgers.open(caller).unreadable(call.tool().name());
            return null;
        }
        return ledgers.open(caller).result(call.tool().name(), label, text, rules.identifierFields());
    }

    @Override
    public Decision apply(ToolCall call, Decision current) {
        FlowRules.RoleRules role = rules.role(call.caller().role());
        if (role == null) {
            return current;
        }
        FlowRules.ToolRules tool = rules.tool(call.tool().name());
        if (!FlowRules.isSink(role, tool, current.risk())) {
            return current;
        }
        return judge(call, current, role, tool);
    }

    @Override
    public Decision explain(ToolCall call, Decision current, CallTrace trace) {
        FlowRules.RoleRules role = rules.role(call.caller().role());
        if (role == null) {
            trace.add("provenance", "skip", "the role has no flow rules", null);
            return current;
        }
        FlowRules.ToolRules tool = rules.tool(call.tool().name());
        if (!FlowRules.isSink(role, tool, current.risk())) {
            trace.add("provenance", "skip", "'" + call.tool().name() + "' is not a sink for the role", null);
            return current;
        }
        Decision next = judge(call, current, role, tool);
        trace.add(
                "provenance",
                Approval.REQUIRED.equals(next.approvalStatus())
                        ? "approval required"
                        : next.outcome().wireName(),
                next == current ? "no change" : next.reason(),
                next.flow() == null ? null : next.flow().rule());
        return next;
    }

    private Decision judge(ToolCall call, Decision current, FlowRules.RoleRules role, FlowRules.ToolRules tool) {
        String what = current.risk().wireName() + " tool '" + call.tool().name() + "'";
        List<Leaf> leaves = new ArrayList<>();
        String unreadable =
                ArgumentLeaves.collect(call.tool().parameterNames(), call.arguments(), tool.unchecked(), leaves);
        Ledger ledger = ledgers.find(call.caller());
        if (unreadable != null || (ledger == null && !leaves.isEmpty())) {
            // Conservative: what cannot be checked counts as derived from untrusted data.
            String why = unreadable != null
                    ? unreadable
                    : "no history of this conversation is known (never seen, or dropped as idle or past"
                            + " provenance.max_sessions)";
            Flow flow = new Flow(
                    leaves.isEmpty() ? null : leaves.get(0).path(), "untrusted", role.untrustedRule(), null, null);
            return act(
                    current,
                    role.untrusted(),
                    what + ": its arguments cannot be shown free of untrusted data: " + why,
                    flow);
        }
        if (ledger != null && current.risk() == RiskLevel.EXTERNAL) {
            Finding secret = ledger.confidential(leaves);
            if (secret.found()) {
                return act(
                        current,
                        role.confidential(),
                        describe(what, secret, "confidential data"),
                        flow(secret, "confidential", role.confidentialRule()));
            }
        }
        Finding derived = ledger == null
                ? Finding.CLEAN
                : ledger.derived(
                        leaves, role.identifiers().contains(current.risk()) ? rules.identifierFields() : Set.of());
        if (derived.found() && !derived.identifier()) {
            return act(
                    current,
                    role.untrusted(),
                    describe(what, derived, "untrusted data"),
                    flow(derived, "untrusted", role.untrustedRule()));
        }
        if (role.trusted() == TrustedFlow.ALLOW && current.approvalStatus() == null) {
            if (derived.found()) {
                // Only identifiers the service assigned select what the call acts on: as trusted, and said so.
                return current.withFlow(
                        Outcome.ALLOW,
                        "argument '" + derived.leaf().path() + "' of " + what + ": " + derived.why()
                                + from(derived.source()) + " (" + role.identifiersRule() + "); no other argument"
                                + " carries untrusted data and the call runs without a person (" + role.trustedRule()
                                + ")",
                        role.trustedRule(),
                        new Approval(Approval.TRUSTED_FLOW, "rule:" + role.trustedRule(), null),
                        flow(derived, "identifier", role.identifiersRule()));
            }
            return current.withFlow(
                    Outcome.ALLOW,
                    what + " carries no untrusted data in its arguments and runs without a person ("
                            + role.trustedRule() + ")",
                    role.trustedRule(),
                    new Approval(Approval.TRUSTED_FLOW, "rule:" + role.trustedRule(), null),
                    new Flow(null, "trusted", role.trustedRule(), null, null));
        }
        return current;
    }

    private static Flow flow(Finding finding, String label, String rule) {
        Source source = finding.source();
        return new Flow(
                finding.leaf().path(),
                label,
                rule,
                source == null ? null : source.tool(),
                source == null ? null : source.receipt());
    }

    private static String describe(String what, Finding finding, String kind) {
        return "argument '" + finding.leaf().path() + "' of " + what + " is derived from " + kind + ": " + finding.why()
                + from(finding.source());
    }

    private static String from(Source source) {
        if (source == null) {
            return "";
        }
        long seq = source.receipt().seq();
        return " (the result of '" + source.tool() + "'" + (seq >= 0 ? ", audit seq " + seq : "") + ")";
    }

    private static Decision act(Decision current, FlowAction action, String reason, Flow flow) {
        switch (action) {
            case DENY:
                return current.withFlow(
                        Outcome.DENY, reason + " (" + flow.rule() + ")", flow.rule(), current.approval(), flow);
            case LOG:
                return current.withFlow(
                        Outcome.ALLOW,
                        current.reason() + "; " + reason + " (" + flow.rule() + ": logged)",
                        current.rule(),
                        current.approval(),
                        flow);
            default:
                // A person decides, whatever the approval rules would have let through; only a deny rule still
                // refuses without asking.
                return current.withFlow(
                        Outcome.ALLOW, reason, flow.rule(), new Approval(Approval.REQUIRED, null, null), flow);
        }
    }
}
