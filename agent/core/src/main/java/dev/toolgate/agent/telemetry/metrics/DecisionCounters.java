package dev.toolgate.agent.telemetry.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every (role, tool) label pair counted so far, across policy versions: a role or tool that a reload keeps keeps
 * its counts. Labels come only from policies, so the number of pairs is bounded by what the policies name; past
 * {@link #MAX_PAIRS} (a policy of thousands of tools and roles) new pairs fold into {@code other}.
 */
final class DecisionCounters {

    static final String OTHER = "other";
    static final int MAX_PAIRS = 10_000;

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, DecisionCells>> byRole =
            new ConcurrentHashMap<>();
    private final DecisionCells otherPair = new DecisionCells(OTHER, OTHER);
    private int pairs;

    /** The cells of {@code role} and {@code tool}, made on first use. */
    DecisionCells cells(String role, String tool) {
        ConcurrentHashMap<String, DecisionCells> tools = byRole.get(role);
        DecisionCells cells = tools == null ? null : tools.get(tool);
        return cells != null ? cells : make(role, tool);
    }

    private synchronized DecisionCells make(String role, String tool) {
        if (role.equals(OTHER) && tool.equals(OTHER)) {
            return otherPair;
        }
        ConcurrentHashMap<String, DecisionCells> tools = byRole.computeIfAbsent(role, r -> new ConcurrentHashMap<>());
        DecisionCells cells = tools.get(tool);
        if (cells == null) {
            if (pairs >= MAX_PAIRS) {
                return otherPair;
            }
            cells = new DecisionCells(role, tool);
            tools.put(tool, cells);
            pairs++;
        }
        return cells;
    }

    /** Every pair's cells, for an export. */
    List<DecisionCells> all() {
        List<DecisionCells> all = new ArrayList<>();
        all.add(otherPair);
        byRole.values().forEach(tools -> all.addAll(tools.values()));
        return all;
    }
}
