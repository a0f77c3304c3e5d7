package dev.toolgate.agent.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.policy.PolicyCheck;
import dev.toolgate.agent.policy.RiskLevel;
import dev.toolgate.agent.policy.SandboxPolicy;
import dev.toolgate.agent.validation.url.UrlValidator;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxRulesTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultAllowsHttpsToPublicAddressesAndWritesUnderTmpOnly() throws Exception {
        SandboxRules rules = SandboxRules.compile("the default sandbox", null);
        InetAddress publicAddress = InetAddress.getByAddress("api.example.com", new byte[] {93, (byte) 184, 2, 34});
        assertNull(rules.connectRefusal("api.example.com", publicAddress, 443, null));
        assertTrue(
                rules.connectRefusal("api.example.com", publicAddress, 80, null).contains("no the default"));
        InetAddress metadata =
                InetAddress.getByAddress("metadata.test", new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254});
        String internal = UrlValidator.internalAddress(metadata.getAddress());
        assertEquals("a cloud metadata address", internal);
        assertTrue(
                rules.connectRefusal("metadata.test", metadata, 443, internal).contains("is a cloud metadata"));
        assertNull(rules.writeRefusal(RealPaths.canonical("/tmp/x.txt")));
        assertTrue(rules.writeRefusal("/etc/x").contains("is not under"));
        assertTrue(rules.programs.isEmpty());
        assertEquals(-1, rules.maxViolations);
    }

    @Test
    void anEntryNamingAnInternalAddressAllowsThatAddressOnly() throws Exception {
        SandboxRules rules = SandboxRules.compile(
                "roles.r.sandbox",
                new SandboxPolicy(
                        null,
                        null,
                        new SandboxPolicy.Network(List.of("127.0.0.1:8080", "db:*"), null, null),
                        null,
                        2L));
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        assertNull(rules.connectRefusal("localhost", loopback, 8080, "the loopback range 127.0.0.0/8"));
        InetAddress db = InetAddress.getByAddress("db", new byte[] {10, 0, 0, 5});
        assertTrue(rules.connectRefusal("db", db, 5432, "a private range (RFC 1918)")
                .contains("allow_internal"));
        assertEquals(2, rules.maxViolations);
    }

    @Test
    void badEntriesNameTheirKey() {
        PolicyCheck.Problem port = assertThrows(
                PolicyCheck.Problem.class,
                () -> SandboxRules.compile(
                        "roles.r.sandbox",
                        new SandboxPolicy(
                                null, null, new SandboxPolicy.Network(List.of("host:99999"), null, null), null, null)));
        assertEquals("roles.r.sandbox.network.connect", port.key());
        PolicyCheck.Problem program = assertThrows(
                PolicyCheck.Problem.class,
                () -> SandboxRules.compile(
                        "roles.r.sandbox",
                        new SandboxPolicy(null, new SandboxPolicy.Processes(List.of("git")), null, null, null)));
        assertEquals("roles.r.sandbox.processes.allow", program.key());
        PolicyCheck.Problem mode = assertThrows(
                PolicyCheck.Problem.class,
                () -> SandboxRules.compile("roles.r.sandbox", new SandboxPolicy("loose", null, null, null, null)));
        assertEquals("roles.r.sandbox.mode", mode.key());
        PolicyCheck.Problem root = assertThrows(
                PolicyCheck.Problem.class,
                () -> SandboxRules.compile(
                        "roles.r.sandbox",
                        new SandboxPolicy(null, null, null, new SandboxPolicy.Files(List.of("/")), null)));
        assertTrue(root.getMessage().contains("anywhere"));
    }

    @Test
    void pathsAreJudgedWhereTheyLand() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        String canonical = RealPaths.canonical(link.resolve("new.txt").toString());
        assertEquals(real.toRealPath().resolve("new.txt").toString(), canonical);
        assertEquals(
                real.toRealPath().toString(),
                RealPaths.canonical(dir.resolve("real/sub/../").toString()));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), Path.of("/etc/toolgate-not-there"));
        assertEquals("/etc/toolgate-not-there", RealPaths.canonical(dangling.toString()));
        assertEquals("/etc/passwd", RealPaths.canonical("/proc/self/root/etc/passwd"));
        assertTrue(RealPaths.under("/tmp/a", "/tmp"));
        assertTrue(!RealPaths.under("/tmpfoo", "/tmp"));
    }

    @Test
    void theRiskMatrixGrowsWithTheDeclaredRisk() {
        assertTrue(RiskMatrix.WRITE.mismatch(RiskLevel.READ).contains("declared read but writes"));
        assertNull(RiskMatrix.WRITE.mismatch(RiskLevel.MODIFY));
        assertTrue(RiskMatrix.DELETE.mismatch(RiskLevel.MODIFY) != null);
        assertNull(RiskMatrix.DELETE.mismatch(RiskLevel.DELETE));
        assertTrue(RiskMatrix.CONNECT.mismatch(RiskLevel.DELETE) != null);
        assertNull(RiskMatrix.EXECUTE.mismatch(RiskLevel.EXTERNAL));
    }
}
