package dev.toolgate.agent;

import dev.toolgate.agent.approval.ApprovalSetup;
import dev.toolgate.agent.approval.ApprovalStage;
import dev.toolgate.agent.budget.Budgets;
import dev.toolgate.agent.config.ConfigException;
import dev.toolgate.agent.decision.CallPipeline;
import dev.toolgate.agent.decision.DecisionRecorder;
import dev.toolgate.agent.decision.PermissionCheck;
import dev.toolgate.agent.gate.Enforcement;
import dev.toolgate.agent.gate.ToolGate;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyCheck;
import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.provenance.Provenance;
import dev.toolgate.agent.provenance.ProvenanceStage;
import dev.toolgate.agent.reload.PolicyApplier;
import dev.toolgate.agent.sandbox.Sandbox;
import dev.toolgate.agent.validation.ArgumentValidationStage;
import dev.toolgate.agent.validation.ResultScreeningStage;
import dev.toolgate.agent.validation.SettingException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds what one policy version enforces (validation, screening, budgets, approval, permissions) over the parts
 * that live as long as the agent: the budgets' sessions, the approval channel and its grants. The first version
 * and every reloaded one are built the same way.
 */
final class PolicyAssembly implements PolicyApplier {

    private final Budgets budgets;
    private final ApprovalSetup approvals;
    private final Sandbox sandbox;
    private final Provenance provenance;
    private final Function<Policy, DecisionRecorder> recorders;
    private volatile ToolGate gate;
    private volatile PermissionCheck permissions;

    /** @param recorders what records each version's decisions (metrics, spans) */
    PolicyAssembly(
            Budgets budgets,
            ApprovalSetup approvals,
            Sandbox sandbox,
            Provenance provenance,
            Policy first,
            Function<Policy, DecisionRecorder> recorders) {
        this.budgets = budgets;
        this.approvals = approvals;
        this.sandbox = sandbox;
        this.provenance = provenance;
        this.recorders = recorders;
        this.permissions = new PermissionCheck(first);
    }

    /** The version the gate starts with, built from the policy loaded at start-up. */
    Enforcement first(Policy policy) throws SettingException {
        ArgumentValidationStage validation = new ArgumentValidationStage(policy);
        Budgets.Version version = budgets.current();
        try {
            return enforcement(
                    policy, validation, version, approvals.stage(), sandbox.version(policy), provenance.first());
        } catch (PolicyCheck.Problem problem) {
            throw new SettingException(problem.key(), problem.getMessage());
        }
    }

    /** The gate whose version a reload replaces. */
    void gate(ToolGate installed) {
        this.gate = installed;
    }

    /** The permissions of the policy in force, for what the model is shown. */
    Supplier<PermissionCheck> permissions() {
        return () -> permissions;
    }

    @Override
    public Prepared prepare(Policy policy) throws PolicyException {
        ArgumentValidationStage validation;
        ApprovalStage approval;
        try {
            validation = new ArgumentValidationStage(policy);
            approval = approvals.stageFor(policy);
        } catch (SettingException e) {
            throw new PolicyException(policy.source() + ": key '" + e.key()
                    + "': the validation settings cannot be used: " + e.getMessage());
        } catch (ConfigException e) {
            throw new PolicyException(policy.source() + ": " + e.getMessage());
        }
        Sandbox.Version contained;
        try {
            contained = sandbox.version(policy);
        } catch (PolicyCheck.Problem problem) {
            throw new PolicyException(policy.source() + ": key '" + problem.key() + "': " + problem.getMessage());
        }
        Budgets.Version version = budgets.prepare(policy);
        ProvenanceStage flows = provenance.stageFor(policy);
        Enforcement next = enforcement(policy, validation, version, approval, contained, flows);
        PermissionCheck nextPermissions = new PermissionCheck(policy);
        ToolGate target = gate;
        if (target == null) {
            throw new IllegalStateException("no gate is installed to reload");
        }
        return () -> {
            budgets.activate(version);
            provenance.activate(flows);
            target.replace(next);
            permissions = nextPermissions;
        };
    }

    private Enforcement enforcement(
            Policy policy,
            ArgumentValidationStage validation,
            Budgets.Version version,
            ApprovalStage approval,
            Sandbox.Version contained,
            ProvenanceStage flows) {
        // A policy without flow rules pays nothing for them: no step, no capture of results.
        ProvenanceStage tracked = flows.active() ? flows : null;
        CallPipeline pipeline = CallPipeline.forPolicy(policy)
                .sandbox(contained.stage())
                .validation(validation)
                .provenance(tracked)
                .budgets(version.stage())
                .approval(approval)
                .build();
        return Enforcement.builder()
                .pipeline(pipeline)
                .resultScreening(new ResultScreeningStage(validation.settings()))
                .observers(List.of(version.observer(), contained.observer()))
                .tokensUsed(version.tokens()::used)
                .recorder(recorders.apply(policy))
                .resultCapture(tracked)
                .build();
    }
}
