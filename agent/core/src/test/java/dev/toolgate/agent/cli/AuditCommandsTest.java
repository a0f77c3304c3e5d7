package dev.toolgate.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditPipeline;
import dev.toolgate.agent.audit.AuditSettings;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.instrument.ToolDescriptor;
import dev.toolgate.agent.instrument.ToolSource;
import dev.toolgate.agent.policy.RiskLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandsTest {

    @TempDir
    Path dir;

    Path file;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeAFile() throws Exception {
        file = dir.resolve("audit.jsonl");
        AuditPipeline log =
                AuditPipeline.open(AuditSettings.defaults(file).withoutJmx(), "policy.yaml", "abc", Mode.ENFORCE);
        log.append(call("data_agent", "sql_read", RiskLevel.READ, true));
        log.append(call("infrastructure_agent", "kubectl_delete", RiskLevel.DELETE, false));
        log.append(call("data_agent", "sql_drop", RiskLevel.DELETE, false));
        log.append(call("data_agent", "sql_read", RiskLevel.READ, true));
        log.close();
    }

    private static AuditEvent call(String role, String tool, RiskLevel risk, boolean allowed) {
        ToolDescriptor descriptor =
                new ToolDescriptor(0, tool, "demo.Tools", tool, List.of("q"), risk, ToolSource.AGENT_TOOL);
        Decision decision = allowed
                ? Decision.allow(risk, "allowed", "roles." + role + ".allowed_tools")
                : Decision.deny(risk, "denied\nby policy", "roles." + role + ".denied_tools");
        return AuditEvent.decision(
                new Caller("bot", role, "s1"), descriptor, new Object[] {"x"}, decision, Mode.ENFORCE);
    }

    private int run(String... args) {
        return Cli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verifyPassesAnIntactFile() {
        assertEquals(0, run("audit", "verify", file.toString()));
        assertTrue(output().contains("5 events, seq 1..5, chain intact"), output());
        assertTrue(output().contains("OK: " + file), output());
    }

    @Test
    void verifyNamesTheFirstBadLineAndExitsOne() throws Exception {
        List<String> lines = Files.readAllLines(file);
        lines.set(2, lines.get(2).replace("kubectl_delete", "kubectl_get"));
        Files.write(file, lines);
        assertEquals(1, run("audit", "verify", file.toString()));
        assertTrue(output().contains("TAMPERED: " + file + ":3: edited"), output());
    }

    @Test
    void verifyReportsATornLastLineAsSuchAndPasses() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 30));
        assertEquals(0, run("audit", "verify", file.toString()));
        assertTrue(output().contains(":5: torn last line"), output());
    }

    @Test
    void verifyOfAMissingFileSaysSo() {
        assertEquals(2, run("audit", "verify", dir.resolve("nope.jsonl").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"));
    }

    @Test
    void tailFiltersByRoleToolAndDecision() {
        assertEquals(0, run("audit", "tail", "--role", "data_agent", "--decision", "deny", file.toString()));
        String[] lines = output().split("\n");
        assertEquals(1, lines.length, output());
        assertTrue(lines[0].contains("#4  decision"), lines[0]);
        assertTrue(lines[0].contains("DENY   delete    sql_drop  role=data_agent"), lines[0]);
        assertTrue(lines[0].contains("rule=roles.data_agent.denied_tools"), lines[0]);
        assertTrue(lines[0].contains("reason=denied\\nby policy"), "one line per event: " + lines[0]);

        out.reset();
        assertEquals(0, run("audit", "tail", "--tool", "sql_*", "-n", "2", file.toString()));
        assertEquals(2, output().split("\n").length, output());
        assertFalse(output().contains("kubectl"));
    }

    @Test
    void tailFollowsAFileThatGrows() throws Exception {
        Thread follower = new Thread(() -> run("audit", "tail", "-f", "--tool", "late_tool", file.toString()));
        follower.start();
        Thread.sleep(300);
        AuditPipeline log = AuditPipeline.open(AuditSettings.defaults(file).withoutJmx(), null, null, Mode.ENFORCE);
        log.append(call("data_agent", "late_tool", RiskLevel.READ, true));
        log.close();
        org.awaitility.Awaitility.await().until(() -> output().contains("late_tool"));
        follower.interrupt();
        follower.join(5_000);
    }

    @Test
    void checkPolicyStillWorks() throws Exception {
        Path policy = Files.writeString(dir.resolve("p.yaml"), "roles:\n  r:\n    allowed_tools: [a]\n");
        assertEquals(0, run("check-policy", policy.toString()));
        assertTrue(output().contains(": ok (1 roles"), output());
    }
}
