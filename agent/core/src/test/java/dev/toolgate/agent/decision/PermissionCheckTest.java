package dev.toolgate.agent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.policy.RolePolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionCheckTest {

    private static final RiskLevel RISK = RiskLevel.READ;

    private final PermissionCheck check = new PermissionCheck(new Policy(
            Path.of("p.yaml"),
            "sha",
            1,
            Map.of(
                    "infra",
                    new RolePolicy(
                            List.of("kubectl_*", "shell_exec"),
                            List.of("kubectl_delete", "shell_exec"),
                            null,
                            null,
                            null,
                            null)),
            Map.of(),
            List.of(),
            null));

    @Test
    void allowListedToolIsAllowed() {
        Decision decision = check.check("infra", "kubectl_get", RISK);
        assertTrue(decision.allowed());
        assertEquals("roles.infra.allowed_tools", decision.rule());
    }

    @Test
    void denyWinsOverAllow() {
        Decision decision = check.check("infra", "shell_exec", RISK);
        assertFalse(decision.allowed());
        assertEquals("roles.infra.denied_tools", decision.rule());
        assertTrue(decision.reason().contains("denied_tools"), decision.reason());
        assertFalse(check.check("infra", "kubectl_delete", RISK).allowed());
    }

    @Test
    void toolOnNeitherListIsDenied() {
        Decision decision = check.check("infra", "send_email", RISK);
        assertFalse(decision.allowed());
        assertTrue(decision.reason().contains("default deny"), decision.reason());
    }

    @Test
    void unknownRoleAndMissingRoleAreDenied() {
        assertTrue(check.check("intruder", "kubectl_get", RISK).reason().contains("role 'intruder' is not defined"));
        assertFalse(check.check(null, "kubectl_get", RISK).allowed());
        assertEquals("config.role", check.check(null, "kubectl_get", RISK).rule());
    }

    @Test
    void verdictsAreReusedForTheSameToolAndRisk() {
        assertSame(check.check("infra", "kubectl_get", RISK), check.check("infra", "kubectl_get", RISK));
        assertEquals(
                RiskLevel.DELETE,
                check.check("infra", "kubectl_get", RiskLevel.DELETE).risk());
    }
}
