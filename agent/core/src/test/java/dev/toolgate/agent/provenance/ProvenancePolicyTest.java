package dev.toolgate.agent.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.PolicyException;
import dev.toolgate.agent.policy.PolicyLoader;
import dev.toolgate.agent.policy.ProvenancePolicy;
import dev.toolgate.agent.policy.ResultLabel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenancePolicyTest {

    @TempDir
    Path dir;

    private Policy load(String yaml) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, yaml);
        return new PolicyLoader().load(file);
    }

    @Test
    void theKeysAreRead() throws Exception {
        Policy policy = load("""
                provenance: {untrusted: deny, trusted: allow, sinks: [external], max_entries: 1000}
                roles:
                  r: {allowed_tools: [t], provenance: {confidential: log}}
                tools:
                  t: {risk: external, result: confidential, accepts_untrusted: [body]}
                  u: {risk: read, accepts_untrusted: false}
                """);
        assertEquals(ProvenancePolicy.FlowAction.DENY, policy.provenance().untrusted());
        assertEquals(1000, policy.provenance().maxEntries());
        assertEquals(
                ProvenancePolicy.FlowAction.LOG,
                policy.roles().get("r").provenance().confidential());
        assertEquals(ResultLabel.CONFIDENTIAL, policy.tools().get("t").result());
        assertEquals(List.of("body"), policy.tools().get("t").untrustedParams());
        assertEquals(Boolean.FALSE, policy.tools().get("u").acceptsUntrusted());
    }

    @Test
    void mistakesNameTheirKey() {
        PolicyException perRole = assertThrows(PolicyException.class, () -> load("""
                roles:
                  r: {allowed_tools: [t], provenance: {max_sessions: 3}}
                """));
        assertTrue(perRole.getMessage().contains("roles.r.provenance.max_sessions"), perRole.getMessage());
        PolicyException accepts = assertThrows(PolicyException.class, () -> load("""
                roles:
                  r: {allowed_tools: [t]}
                tools:
                  t: {risk: external, accepts_untrusted: sometimes}
                """));
        assertTrue(accepts.getMessage().contains("accepts_untrusted"), accepts.getMessage());
        PolicyException action = assertThrows(PolicyException.class, () -> load("""
                provenance: {untrusted: maybe}
                roles:
                  r: {allowed_tools: [t]}
                """));
        assertTrue(action.getMessage().contains("provenance.untrusted"), action.getMessage());
    }

    @Test
    void identifierKeysAreReadAndTheirMistakesNamed() throws Exception {
        Policy policy = load("""
                provenance: {identifiers: [external], identifier_fields: [id, file_id]}
                roles:
                  r: {allowed_tools: [t], provenance: {identifiers: [external, delete]}}
                """);
        assertEquals(
                List.of(dev.toolgate.agent.policy.RiskLevel.EXTERNAL),
                policy.provenance().identifiers());
        assertEquals(List.of("id", "file_id"), policy.provenance().identifierFields());
        assertEquals(2, policy.roles().get("r").provenance().identifiers().size());
        PolicyException perRole = assertThrows(PolicyException.class, () -> load("""
                roles:
                  r: {allowed_tools: [t], provenance: {identifier_fields: [id]}}
                """));
        assertTrue(perRole.getMessage().contains("roles.r.provenance.identifier_fields"), perRole.getMessage());
        PolicyException blank = assertThrows(PolicyException.class, () -> load("""
                provenance: {identifier_fields: ["  "]}
                roles:
                  r: {allowed_tools: [t]}
                """));
        assertTrue(blank.getMessage().contains("provenance.identifier_fields"), blank.getMessage());
        PolicyException risk = assertThrows(PolicyException.class, () -> load("""
                provenance: {identifiers: [sometimes]}
                roles:
                  r: {allowed_tools: [t]}
                """));
        assertTrue(risk.getMessage().contains("provenance.identifiers"), risk.getMessage());
    }
}
