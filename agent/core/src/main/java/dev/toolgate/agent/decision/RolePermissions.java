package dev.toolgate.agent.decision;

import dev.toolgate.agent.policy.Glob;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.policy.RolePolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One role's allow-list and deny-list. Deny wins over allow; a tool on neither list is denied. Verdicts are
 * computed once per tool and risk, then reused.
 */
final class RolePermissions {

    private final String role;
    private final List<Glob> allowed;
    private final List<Glob> denied;
    private final Map<String, Decision> verdicts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> permitted = new ConcurrentHashMap<>();
    private final boolean allowsByQualifiedName;

    RolePermissions(String role, RolePolicy policy) {
        this.role = role;
        this.allowed = policy.allowedTools().stream().map(Glob::of).toList();
        this.denied = policy.deniedTools().stream().map(Glob::of).toList();
        this.allowsByQualifiedName = policy.allowedTools().stream().anyMatch(entry -> entry.startsWith("mcp:"));
    }

    Decision check(String tool, String qualifiedName, RiskLevel risk) {
        String key = qualifiedName == null ? tool : qualifiedName + '\n' + tool;
        Decision verdict = verdicts.get(key);
        if (verdict == null || verdict.risk() != risk) {
            verdict = decide(tool, qualifiedName, risk);
            verdicts.put(key, verdict);
        }
        return verdict;
    }

    /** Whether the role may ever call {@code tool} by this name: on its allow-list and not on its deny-list. */
    boolean permits(String tool) {
        Boolean verdict = permitted.get(tool);
        if (verdict == null) {
            // By the name the model sees only: a role that allows MCP tools by qualified name (mcp:SERVER/TOOL)
            // may be allowed this one under its server's name, so it is shown, and the call itself decides.
            verdict = firstMatch(denied, tool) == null && (firstMatch(allowed, tool) != null || allowsByQualifiedName);
            if (permitted.size() < 10_000) {
                permitted.put(tool, verdict);
            }
        }
        return verdict;
    }

    private Decision decide(String tool, String qualifiedName, RiskLevel risk) {
        Glob denial = firstMatch(denied, tool);
        if (denial == null && qualifiedName != null) {
            denial = firstMatch(denied, qualifiedName);
        }
        if (denial != null) {
            return Decision.deny(
                    risk,
                    "tool '" + tool + "' is in denied_tools of role '" + role + "' (entry '" + denial + "')",
                    "roles." + role + ".denied_tools");
        }
        Glob allowance = firstMatch(allowed, tool);
        if (allowance == null && qualifiedName != null) {
            allowance = firstMatch(allowed, qualifiedName);
        }
        if (allowance == null) {
            return Decision.deny(
                    risk,
                    "tool '" + tool + "' is not in allowed_tools of role '" + role + "' (default deny)",
                    "roles." + role + ".allowed_tools");
        }
        return Decision.allow(
                risk,
                "tool '" + tool + "' is in allowed_tools of role '" + role + "' (entry '" + allowance + "')",
                "roles." + role + ".allowed_tools");
    }

    /** The allowed_tools entry that matches the tool under either name, or null: for explanations. */
    String allowEntry(String tool, String qualifiedName) {
        Glob allowance = firstMatch(allowed, tool);
        if (allowance == null && qualifiedName != null) {
            allowance = firstMatch(allowed, qualifiedName);
        }
        return allowance == null ? null : allowance.toString();
    }

    private static Glob firstMatch(List<Glob> globs, String tool) {
        for (Glob glob : globs) {
            if (glob.matches(tool)) {
                return glob;
            }
        }
        return null;
    }
}
