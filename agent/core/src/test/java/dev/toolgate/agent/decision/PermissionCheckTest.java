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

    private final PermissionCheck check = new PermissionCheck(Policy.ofRoles(
            Path.of("p.yaml"),
            Map.of(
                    "infra",
                    new RolePolicy(
                            List.of("kubectl_*", "shell_exec"),
                            List.of("kubectl_delete", "shell_exec"),
                            null,
                            null,
                            null,
                            null))));

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

    @Test
    void aQualifiedNameScopesARuleToOneServerAndDenyOnEitherNameWins() {
        PermissionCheck mcp = new PermissionCheck(Policy.ofRoles(
                Path.of("p.yaml"),
                Map.of(
                        "ops",
                        new RolePolicy(
                                List.of("read_logs", "mcp:ops/*"),
                                List.of("mcp:ops/kubectl_delete", "mcp:untrusted/*"),
                                null,
                                null,
                                null,
                                null))));
        assertTrue(mcp.check("ops", "restart", "mcp:ops/restart", RISK).allowed(), "allowed by its server's name");
        assertFalse(mcp.check("ops", "kubectl_delete", "mcp:ops/kubectl_delete", RISK)
                .allowed());
        assertFalse(
                mcp.check("ops", "read_logs", "mcp:untrusted/read_logs", RISK).allowed(),
                "a deny by qualified name wins over an allow by plain name");
        assertFalse(mcp.check("ops", "restart", null, RISK).allowed(), "without a server, only the plain name counts");
        assertTrue(mcp.permits("ops", "restart"), "may be allowed under its server's name: shown to the model");
        assertFalse(check.permits("infra", "kubectl_delete"), "denied by the name the model sees: hidden");
        assertFalse(check.permits("infra", "unknown_tool"));
        assertTrue(check.permits("infra", "kubectl_get"));
        assertFalse(check.permits(null, "kubectl_get"));
        assertFalse(check.permits("nobody", "kubectl_get"));
    }
}
