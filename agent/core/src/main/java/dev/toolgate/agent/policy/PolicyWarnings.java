package dev.toolgate.agent.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code policy check --strict} doubts about a policy that loads: entries that have no effect or that
 * probably do not mean what their author thinks. None of them stops the agent; each names its key and line.
 */
public final class PolicyWarnings {

    private final Policy policy;
    private final Path file;
    private final KeyLocator locator;
    private final List<PolicyProblem> warnings = new ArrayList<>();

    private PolicyWarnings(Policy policy, Path file, String text) {
        this.policy = policy;
        this.file = file;
        this.locator = new KeyLocator(text);
    }

    /** The warnings about {@code policy}, loaded from {@code file}, in the order of the file's sections. */
    public static List<PolicyProblem> of(Policy policy, Path file) throws IOException {
        PolicyWarnings check = new PolicyWarnings(policy, file, Files.readString(file, StandardCharsets.UTF_8));
        check.version();
        check.roles();
        check.nothingDenied();
        check.unusedValidators();
        return List.copyOf(check.warnings);
    }

    private void version() {
        if (policy.version() == null) {
            warn(
                    "version",
                    "version: is missing; write 'version: 1' so that a later format is never read as this one.");
        }
    }

    private void roles() {
        for (Map.Entry<String, RolePolicy> entry : policy.roles().entrySet()) {
            String role = "roles." + entry.getKey();
            RolePolicy rules = entry.getValue();
            if (rules.allowedTools().isEmpty()) {
                warn(role, "the role allows no tool, so every call it makes is denied; give it allowed_tools.");
            }
            for (int i = 0; i < rules.allowedTools().size(); i++) {
                String allowed = rules.allowedTools().get(i);
                String key = role + ".allowed_tools[" + i + "]";
                String denier = deniedBy(allowed, rules.deniedTools());
                if (denier != null) {
                    warn(
                            key,
                            "'" + allowed + "' is also denied (by '" + denier + "' in denied_tools); the deny wins,"
                                    + " so allowing it has no effect.");
                } else if (isPlainName(allowed) && !policy.tools().containsKey(allowed)) {
                    warn(
                            key,
                            "'" + allowed + "' has no entry under tools:, so it is of the highest risk (external);"
                                    + " give it its risk class.");
                }
            }
            if (rules.approval() != null) {
                shadowedRules(role + ".approval.rules", rules.approval().rules());
            }
        }
    }

    /** A rule after one that matches every call it matches is never reached: the first matching rule decides. */
    private void shadowedRules(String key, List<ApprovalRule> rules) {
        for (int later = 0; later < rules.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                if (covers(rules.get(earlier), rules.get(later))) {
                    warn(
                            key + "[" + later + "]",
                            "the rule is never used: rule " + earlier + ruleName(rules.get(earlier))
                                    + " matches every call it matches and decides first. Remove it, or move it before the"
                                    + " broader rule.");
                    break;
                }
            }
        }
    }

    private static boolean covers(ApprovalRule earlier, ApprovalRule later) {
        if (!earlier.when().isEmpty() || earlier.risk() != null && earlier.risk() != later.risk()) {
            return false;
        }
        if (later.action() == ApprovalAction.DENY && earlier.action() != ApprovalAction.DENY) {
            // Deny rules win wherever they are.
            return false;
        }
        for (String tool : later.tools()) {
            if (!isPlainName(tool)
                    && !earlier.tools().contains("*")
                    && !earlier.tools().contains(tool)) {
                return false;
            }
            if (isPlainName(tool)
                    && earlier.tools().stream().noneMatch(p -> Glob.of(p).matches(tool))) {
                return false;
            }
        }
        return !later.tools().isEmpty();
    }

    private static String ruleName(ApprovalRule rule) {
        return rule.id() == null ? "" : " ('" + rule.id() + "')";
    }

    private void nothingDenied() {
        boolean anyLimit = policy.roles().values().stream()
                .anyMatch(r -> !r.deniedTools().isEmpty() || !r.allowedTools().contains("*"));
        if (!anyLimit) {
            warn(
                    "roles",
                    "every role allows every tool ('*') and denies none, so no call can be denied by"
                            + " permission; list the tools each role needs instead.");
        }
    }

    private void unusedValidators() {
        if (policy.validators() == null) {
            return;
        }
        Set<String> used = new LinkedHashSet<>();
        for (ToolPolicy tool : policy.tools().values()) {
            if (tool.params() != null) {
                tool.params().values().stream()
                        .filter(options -> options != null && options.get("validator") instanceof String)
                        .forEach(options -> used.add((String) options.get("validator")));
            }
        }
        for (String name : policy.validators().keySet()) {
            if (!used.contains(name)) {
                warn(
                        "validators." + name,
                        "the validator '" + name + "' is used by no tools.NAME.params entry;"
                                + " attach it to a parameter or remove it.");
            }
        }
    }

    private static String deniedBy(String allowed, List<String> denied) {
        for (String pattern : denied) {
            if (pattern.equals(allowed)
                    || isPlainName(allowed) && Glob.of(pattern).matches(allowed)) {
                return pattern;
            }
        }
        return null;
    }

    private static boolean isPlainName(String tool) {
        return tool.indexOf('*') < 0 && tool.indexOf('?') < 0 && !tool.startsWith("mcp:");
    }

    private void warn(String key, String message) {
        warnings.add(PolicyLoader.problem(file, locator, key, message));
    }
}
