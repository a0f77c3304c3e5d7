package dev.toolgate.agent.approval;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Approval;
import dev.toolgate.agent.decision.CallStage;
import dev.toolgate.agent.decision.CallTrace;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.Outcome;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.policy.ApprovalAction;
import dev.toolgate.agent.policy.GrantScope;
import dev.toolgate.agent.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The last step of the pipeline: the article's {@code execute_with_approval}. READ runs, MODIFY runs and is
 * logged, DELETE and EXTERNAL wait for a person, unless the policy's approval rules say otherwise. A request is
 * bound to the exact tool and arguments, bounded in time, and answered once; anything but an explicit approval
 * within the time refuses the call.
 */
public final class ApprovalStage implements CallStage {

    private final ApprovalRules rules;
    private final ApprovalChannel channel;
    private final GrantStore grants;
    private final AuditLog audit;
    private final Mode mode;

    ApprovalStage(ApprovalRules rules, ApprovalChannel channel, GrantStore grants, AuditLog audit, Mode mode) {
        this.rules = rules;
        this.channel = channel;
        this.grants = grants;
        this.audit = audit;
        this.mode = mode;
    }

    /**
     * A stage for explanations only: the policy's rules and defaults with the default timeout, no channel (a
     * request it were asked to put to a person is denied), no standing grants, nothing audited.
     */
    public static ApprovalStage rulesOnly(Policy policy) {
        Duration timeout = policy.approval().timeout() == null
                ? ApprovalSetup.DEFAULT_TIMEOUT
                : dev.toolgate.agent.config.Durations.parse(policy.approval().timeout());
        return new ApprovalStage(
                new ApprovalRules(policy, timeout),
                new DenyChannel("this approval stage only explains decisions and asks nobody"),
                new GrantStore(),
                AuditLog.discarding(),
                Mode.ENFORCE);
    }

    /**
     * A sink call the provenance step found free of untrusted data, in a role whose flow rules let such calls run
     * without a person: where the rules would ask, it runs, recorded as approved by the flow rule; null where the
     * rules decide otherwise (allow, log, deny, auto_approve are applied as usual).
     */
    private static Decision trustedFlow(Decision current, Requirement requirement) {
        if (requirement.action() != ApprovalAction.APPROVE) {
            return null;
        }
        return current.withApproval(
                Outcome.ALLOW, current.reason(), current.rule(), new Approval(Approval.AUTO, current.approver(), null));
    }

    /**
     * What the rules require of the call, recorded in {@code trace} rule by rule; where a person would be asked,
     * nobody is: the decision is {@link Outcome#PENDING}, marked {@link Approval#REQUIRED}. Standing grants are
     * not consulted, since they depend on answers given at run time.
     */
    @Override
    public Decision explain(ToolCall call, Decision current, CallTrace trace) {
        Requirement requirement = rules.explain(call, current.risk(), trace);
        if (Approval.TRUSTED_FLOW.equals(current.approvalStatus())) {
            Decision trusted = trustedFlow(current, requirement);
            if (trusted != null) {
                trace.add("approval", trusted.outcome().wireName(), trusted.reason(), trusted.rule());
                return trusted;
            }
        }
        String what = current.risk().wireName() + " tool '" + call.tool().name() + "'";
        boolean escalated =
                Approval.REQUIRED.equals(current.approvalStatus()) && requirement.action() != ApprovalAction.DENY;
        Decision decision;
        if (escalated || requirement.action() == ApprovalAction.APPROVE) {
            String needed = escalated
                    ? what + " needs a person's approval: " + current.reason() + " (" + current.rule() + ")"
                    : what + " needs a person's approval (" + requirement.rule() + ")";
            decision = current.withApproval(
                    Outcome.PENDING,
                    needed,
                    escalated && requirement.action() != ApprovalAction.APPROVE ? current.rule() : requirement.rule(),
                    new Approval(Approval.REQUIRED, null, null));
        } else {
            // allow, log, deny and auto_approve never ask anyone: the stage's own decision.
            decision = apply(call, current);
        }
        trace.add(
                "approval",
                decision.outcome() == Outcome.PENDING
                        ? "approval required"
                        : decision.outcome().wireName(),
                decision.reason(),
                decision.rule());
        return decision;
    }

    @Override
    public Decision apply(ToolCall call, Decision current) {
        Requirement requirement = rules.requirementFor(call, current.risk());
        String what = current.risk().wireName() + " tool '" + call.tool().name() + "'";
        if (Approval.TRUSTED_FLOW.equals(current.approvalStatus())) {
            Decision trusted = trustedFlow(current, requirement);
            if (trusted != null) {
                return trusted;
            }
            current = current.withApproval(current.outcome(), current.reason(), current.rule(), null);
        }
        if (Approval.REQUIRED.equals(current.approvalStatus()) && requirement.action() != ApprovalAction.DENY) {
            // An earlier stage found something a person must see (secrets in an outgoing call): no rule that
            // would let the call through unasked applies.
            Requirement escalated =
                    requirement.action() == ApprovalAction.APPROVE ? requirement : rules.escalation(current.rule());
            return askAPerson(
                    call,
                    current,
                    escalated,
                    what,
                    what + " needs a person's approval: " + current.reason() + " (" + current.rule() + ")");
        }
        switch (requirement.action()) {
            case ALLOW:
                return current;
            case LOG:
                return current.then(
                        Outcome.ALLOW,
                        current.reason() + "; " + what + " runs and is logged (" + requirement.rule() + ")",
                        current.rule());
            case DENY:
                return current.then(
                        Outcome.DENY,
                        "the approval rules deny " + what + " (" + requirement.rule() + ")",
                        requirement.rule());
            case AUTO_APPROVE:
                return current.withApproval(
                        Outcome.ALLOW,
                        what + " is approved automatically by " + requirement.rule(),
                        requirement.rule(),
                        new Approval(Approval.AUTO, "rule:" + requirement.ruleId(), null));
            default:
                return askAPerson(
                        call,
                        current,
                        requirement,
                        what,
                        what + " needs a person's approval (" + requirement.rule() + ")");
        }
    }

    private Decision askAPerson(ToolCall call, Decision current, Requirement requirement, String what, String needed) {
        if (mode == Mode.MONITOR) {
            return current.withApproval(
                    Outcome.ALLOW,
                    needed + "; monitor mode asks nobody",
                    requirement.rule(),
                    new Approval(Approval.MONITOR_SKIPPED, null, null));
        }
        String hash = ArgumentsDigest.of(call.tool().name(), call.tool().parameterNames(), call.arguments());
        Grant grant = grants.find(call, hash);
        if (grant != null) {
            return current.withApproval(
                    Outcome.ALLOW,
                    what + " with these exact arguments was approved by " + grant.approver() + " for the "
                            + grant.scope().wireName() + " (" + grant.id() + ")",
                    requirement.rule(),
                    new Approval(Approval.APPROVED, grant.approver(), grant.approvalId()));
        }
        Instant now = Instant.now();
        ApprovalRequest request = new ApprovalRequest(
                "appr-" + UUID.randomUUID(),
                call,
                current.risk(),
                needed,
                hash,
                now,
                now.plus(requirement.timeout()),
                requirement.maxGrant(),
                requirement.rule(),
                current.reason());
        audit.append(AuditEvent.approvalRequested(
                call.caller(),
                call.tool(),
                call.arguments(),
                current.withApproval(
                        Outcome.PENDING, needed, requirement.rule(), new Approval(null, null, request.id())),
                mode,
                Map.of(
                        "channel",
                        channel.name(),
                        "expires_at",
                        request.expiresAt().toString())));
        ApprovalVerdict verdict = await(request, requirement.timeout());
        Approval approval = new Approval(verdict.status(), verdict.approver(), request.id());
        if (!verdict.approved()) {
            return current.withApproval(
                    Outcome.DENY, describe(needed, verdict, requirement.timeout()), requirement.rule(), approval);
        }
        GrantScope grantScope = narrower(verdict.grant(), requirement.maxGrant());
        String granted = "";
        if (grantScope != GrantScope.ONCE) {
            granted = "; identical calls approved for the " + grantScope.wireName() + " ("
                    + grants.add(grantScope, request, verdict.approver()).id() + ")";
        }
        return current.withApproval(
                Outcome.ALLOW,
                what + " approved by " + verdict.approver()
                        + (verdict.reason() == null || verdict.reason().isBlank() ? "" : ": " + verdict.reason())
                        + granted,
                requirement.rule(),
                approval);
    }

    private ApprovalVerdict await(ApprovalRequest request, Duration timeout) {
        CompletableFuture<ApprovalVerdict> answer;
        try {
            answer = channel.submit(request);
        } catch (RuntimeException e) {
            return ApprovalVerdict.denied(channel.name(), "the " + channel.name() + " channel failed: " + e);
        }
        try {
            ApprovalVerdict verdict = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return verdict != null
                    ? verdict
                    : ApprovalVerdict.denied(channel.name(), "the " + channel.name() + " channel gave no answer");
        } catch (TimeoutException e) {
            channel.withdraw(request);
            return ApprovalVerdict.timedOut("no answer within " + format(timeout));
        } catch (InterruptedException e) {
            channel.withdraw(request);
            Thread.currentThread().interrupt();
            return ApprovalVerdict.denied(channel.name(), "the calling thread was interrupted while waiting");
        } catch (ExecutionException e) {
            return ApprovalVerdict.denied(channel.name(), "the " + channel.name() + " channel failed: " + e.getCause());
        }
    }

    private static String describe(String needed, ApprovalVerdict verdict, Duration timeout) {
        if (Approval.TIMED_OUT.equals(verdict.status())) {
            return needed + " and none came: " + verdict.reason();
        }
        return needed + " and it was denied" + (verdict.approver() == null ? "" : " by " + verdict.approver())
                + (verdict.reason() == null || verdict.reason().isBlank() ? "" : ": " + verdict.reason());
    }

    private static GrantScope narrower(GrantScope asked, GrantScope allowed) {
        return asked.ordinal() <= allowed.ordinal() ? asked : allowed;
    }

    private static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
