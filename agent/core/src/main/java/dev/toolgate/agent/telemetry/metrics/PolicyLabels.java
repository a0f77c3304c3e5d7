package dev.toolgate.agent.telemetry.metrics;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RolePolicy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The labels one policy version allows: its roles, and the tools it names (in {@code tools:} and by exact name in
 * the roles' lists; a glob names no tool). Anything else is {@code other}, so a caller cannot grow the metrics by
 * inventing role or tool names. A role's cells are looked up per tool name once and kept, so a call's look-up is
 * two hash-map reads and allocates nothing.
 */
final class PolicyLabels {

    private final Map<String, RoleRow> roles = new HashMap<>();
    private final RoleRow otherRole;

    PolicyLabels(Policy policy, DecisionCounters counters) {
        Set<String> tools = toolsOf(policy);
        for (String role : policy.roles().keySet()) {
            roles.put(role, new RoleRow(role, tools, counters));
        }
        otherRole = new RoleRow(DecisionCounters.OTHER, tools, counters);
    }

    DecisionCells cells(String role, String tool, String qualifiedTool) {
        RoleRow row = role == null ? null : roles.get(role);
        return (row != null ? row : otherRole).cells(tool, qualifiedTool);
    }

    private static Set<String> toolsOf(Policy policy) {
        Set<String> tools = new HashSet<>(policy.tools().keySet());
        for (RolePolicy role : policy.roles().values()) {
            addExact(tools, role.allowedTools());
            addExact(tools, role.deniedTools());
        }
        tools.remove(DecisionCounters.OTHER);
        return Set.copyOf(tools);
    }

    private static void addExact(Set<String> tools, List<String> names) {
        if (names == null) {
            return;
        }
        for (String name : names) {
            if (name != null && name.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
                tools.add(name);
            }
        }
    }

    /** One role's cells by tool name; tools the policy does not name share the role's {@code other} cells. */
    private static final class RoleRow {
        private final String role;
        private final Set<String> known;
        private final DecisionCounters counters;
        private final ConcurrentHashMap<String, DecisionCells> resolved = new ConcurrentHashMap<>();
        private final DecisionCells other;

        RoleRow(String role, Set<String> known, DecisionCounters counters) {
            this.role = role;
            this.known = known;
            this.counters = counters;
            this.other = counters.cells(role, DecisionCounters.OTHER);
        }

        DecisionCells cells(String tool, String qualifiedTool) {
            DecisionCells cells = resolved.get(tool);
            if (cells != null) {
                return cells;
            }
            String label = known.contains(tool)
                    ? tool
                    : qualifiedTool != null && known.contains(qualifiedTool) ? qualifiedTool : null;
            if (label == null) {
                return other;
            }
            cells = counters.cells(role, label);
            resolved.put(tool, cells);
            return cells;
        }
    }
}
