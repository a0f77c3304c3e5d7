package dev.toolgate.agent.decision;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;
import java.util.HashMap;
import java.util.Map;

/** Explicit allow-list per role, default deny: the article's {@code enforce_permissions}. */
public final class PermissionCheck {

    static final String NO_ROLE_REASON = "no agent role is set for this call; configure toolgate.role or open a"
            + " scope with Toolgate.scope().role(...)";

    private final Map<String, RolePermissions> roles = new HashMap<>();
    private final String policyFile;

    public PermissionCheck(Policy policy) {
        policy.roles().forEach((name, role) -> roles.put(name, new RolePermissions(name, role)));
        this.policyFile = String.valueOf(policy.source());
    }

    /** Whether {@code role} may ever call {@code tool}: false for no role and for a role the policy lacks. */
    public boolean permits(String role, String tool) {
        RolePermissions permissions = role == null ? null : roles.get(role);
        return permissions != null && permissions.permits(tool);
    }

    public Decision check(String role, String tool, RiskLevel risk) {
        return check(role, tool, null, risk);
    }

    /**
     * @param qualifiedName the tool's second name ({@code mcp:SERVER/TOOL}), or null: a deny entry matching either
     *                      name denies, an allow entry matching either allows
     */
    public Decision check(String role, String tool, String qualifiedName, RiskLevel risk) {
        if (role == null) {
            return Decision.deny(risk, NO_ROLE_REASON, "config.role");
        }
        RolePermissions permissions = roles.get(role);
        if (permissions == null) {
            return Decision.deny(
                    risk, "role '" + role + "' is not defined in policy " + policyFile + " (default deny)", "roles");
        }
        return permissions.check(tool, qualifiedName, risk);
    }

    /** {@link #check}, recording in {@code trace} which entry of which list decided, or that none did. */
    public Decision explain(String role, String tool, String qualifiedName, RiskLevel risk, CallTrace trace) {
        Decision decision = check(role, tool, qualifiedName, risk);
        RolePermissions permissions = role == null ? null : roles.get(role);
        String detail = decision.reason();
        if (permissions != null && !decision.allowed()) {
            String alsoAllowed = permissions.allowEntry(tool, qualifiedName);
            if (alsoAllowed != null && decision.rule().endsWith(".denied_tools")) {
                detail += "; it also matches allowed_tools entry '" + alsoAllowed + "', and denied_tools wins";
            }
        }
        trace.add("permission", decision.outcome().wireName(), detail, decision.rule());
        return decision;
    }
}
