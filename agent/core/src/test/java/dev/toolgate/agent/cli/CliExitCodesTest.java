package dev.toolgate.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes, usage errors and bad input, for every command: one line on stderr, never a stack trace. */
class CliExitCodesTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return runWithInput("", args);
    }

    private int runWithInput(String stdin, String... args) {
        out.reset();
        err.reset();
        return Cli.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void assertNoStackTrace() {
        assertFalse(stderr().contains("\tat ") || stderr().contains("Exception"), stderr());
    }

    @Test
    void noCommandPrintsTheUsageToStderrAndExitsTwo() {
        assertEquals(2, run());
        assertTrue(stderr().startsWith("Usage: toolgate"), stderr());
        assertEquals("", stdout());
    }

    @Test
    void usageErrorsAreOneLineAndAHint() {
        assertEquals(2, run("frobnicate"));
        assertTrue(stderr().startsWith("toolgate: Unmatched argument at index 0: 'frobnicate'"), stderr());
        assertTrue(stderr().contains("Try 'toolgate --help' for the usage."), stderr());

        assertEquals(2, run("audit", "tail", "--bogus", "x"));
        assertTrue(stderr().startsWith("toolgate audit tail: Unknown option: '--bogus'"), stderr());
        assertTrue(stderr().contains("Try 'toolgate audit tail --help'"), stderr());

        assertEquals(2, run("policy"));
        assertTrue(stderr().contains("toolgate policy: a subcommand is needed"), stderr());
        assertEquals(2, run("audit"));
        assertEquals(2, run("policy", "check"));
        assertTrue(stderr().contains("Missing required parameter: 'FILE'"), stderr());
        assertEquals("", stdout());
    }

    @Test
    void checkPolicyHelpIsHelpNotAFileNamedHelp() {
        assertEquals(0, run("check-policy", "--help"));
        assertTrue(
                stdout().startsWith("Usage: toolgate check-policy [-hV] [--strict] [--format=FORMAT] FILE..."),
                stdout());
    }

    @Test
    void versionComesFromTheManifestOrSaysItIsUnknown() {
        assertEquals(0, run("--version"));
        assertTrue(stdout().startsWith("toolgate "), stdout());
        assertTrue(stdout().contains("Java " + System.getProperty("java.version")), stdout());
        assertEquals(0, run("audit", "verify", "--version"));
    }

    @Test
    void policyCheckExitsOneForAnInvalidPolicyAndZeroForValidOnes() throws Exception {
        Path good = Files.writeString(dir.resolve("good.yaml"), "roles:\n  r:\n    allowed_tools: [a]\n");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "roles:\n  r:\n    allowed_tools: 5\n");
        assertEquals(0, run("policy", "check", good.toString()));
        assertTrue(stdout().startsWith(good + ": ok (1 roles"), stdout());
        assertEquals(1, run("policy", "check", good.toString(), bad.toString()));
        assertTrue(stdout().contains(good + ": ok"), "every file is reported: " + stdout());
        assertTrue(stderr().contains("bad.yaml"), stderr());
        assertNoStackTrace();
    }

    @Test
    void screenFailsOnDenyOnlyWhenAsked() {
        assertEquals(0, runWithInput("ls\nrm -rf /\n", "screen", "--validator", "shell-command"));
        assertEquals(1, runWithInput("ls\nrm -rf /\n", "screen", "--validator", "shell-command", "--fail-on-deny"));
        assertEquals(2, stdout().lines().count(), "every sample is still reported: " + stdout());
        assertEquals(0, runWithInput("ls\npwd\n", "screen", "--validator", "shell-command", "--fail-on-deny"));
        assertEquals(2, run("screen", "--eval", dir.toString(), "--fail-on-deny"));
        assertTrue(stderr().contains("--fail-on-deny applies to --validator"), stderr());
    }

    @Test
    void screenDoesNotHoldAnOversizedSampleInMemory() {
        String huge = "a".repeat(ScreenCommand.MAX_SAMPLE_CHARS + 10) + "\nls\n";
        assertEquals(1, runWithInput(huge, "screen", "--validator", "shell-command", "--fail-on-deny"));
        assertEquals(
                List.of(
                        "deny\tthe sample is over " + ScreenCommand.MAX_SAMPLE_CHARS + " characters; not screened",
                        "allow"),
                stdout().lines().toList());
    }

    @Test
    void tailRejectsUnknownDecisionsNamingTheAllowedOnes() throws Exception {
        Path audit = auditFile();
        assertEquals(2, run("audit", "tail", "--decision", "maybe", audit.toString()));
        assertTrue(stderr().contains("'maybe' is not a decision; use one of allow, deny, pending"), stderr());
        assertEquals(0, run("audit", "tail", "--decision", "DENY", audit.toString()));
        assertEquals(1, stdout().lines().count(), stdout());
    }

    @Test
    void tailFiltersBySessionAndSinceAndPrintsRawJson() throws Exception {
        Path audit = auditFile();
        assertEquals(0, run("audit", "tail", "--session", "s2", "--json", audit.toString()));
        List<String> lines = stdout().lines().toList();
        assertEquals(1, lines.size(), stdout());
        assertEquals(
                Files.readAllLines(audit).stream()
                        .filter(l -> l.contains("\"s2\""))
                        .toList(),
                lines);

        assertEquals(0, run("audit", "tail", "--since", "1h", "-n", "100", audit.toString()));
        assertEquals(4, stdout().lines().count(), "file_start and three decisions\n" + stdout());
        assertEquals(
                0, run("audit", "tail", "--since", Instant.now().plusSeconds(60).toString(), audit.toString()));
        assertEquals("", stdout());
        assertEquals(2, run("audit", "tail", "--since", "yesterday", audit.toString()));
        assertTrue(stderr().contains("neither an ISO-8601 instant"), stderr());
        assertEquals(2, run("audit", "tail", "-n", "-1", audit.toString()));
    }

    @Test
    void sinceTakesInstantsAndDurationsAgo() {
        Instant now = Instant.parse("2025-01-31T14:00:00Z");
        assertEquals(now.minus(Duration.ofMinutes(90)), Since.parse("1h30m", now));
        assertEquals(now.minus(Duration.ofDays(1)), Since.parse("1d", now));
        assertEquals(now.minusSeconds(30), Since.parse("30s", now));
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), Since.parse("2025-01-01T00:00:00Z", now));
    }

    @Test
    void verifyChecksTheExpectedLastHashAndSpeaksJson() throws Exception {
        Path audit = auditFile();
        assertEquals(0, run("audit", "verify", "--json", audit.toString()));
        Matcher last = Pattern.compile("\"last_hash\":\"([0-9a-f]{64})\"").matcher(stdout());
        assertTrue(last.find(), stdout());
        assertTrue(stdout().startsWith("{\"ok\":true,"), stdout());
        String hash = last.group(1);
        assertEquals(0, run("audit", "verify", "--expect-last-hash", hash.toUpperCase(), audit.toString()));

        // Cut the last event off: the chain still holds, the expected hash does not.
        List<String> lines = Files.readAllLines(audit);
        Files.write(audit, lines.subList(0, lines.size() - 1));
        assertEquals(1, run("audit", "verify", "--expect-last-hash", hash, audit.toString()));
        assertTrue(stdout().contains("TAMPERED: the last event's hash is "), stdout());
        assertEquals(1, run("audit", "verify", "--json", "--expect-last-hash", hash, audit.toString()));
        assertTrue(stdout().startsWith("{\"ok\":false,"), stdout());
        assertTrue(stdout().contains("\"expected_last_hash\":\"" + hash + "\""), stdout());

        assertEquals(2, run("audit", "verify", "--expect-last-hash", "abc", audit.toString()));
        assertTrue(stderr().contains("'abc' is not a SHA-256 hash"), stderr());
    }

    /** Each command that reads a file, given what is not one: exit 1 or 2, one clear line, no stack trace. */
    @ParameterizedTest
    @ValueSource(strings = {"directory", "empty", "missing", "binary", "huge"})
    void everyFileArgumentRefusesWhatIsNotItsFile(String kind) throws Exception {
        Path file = badFile(kind);
        List<List<String>> commands = List.of(
                List.of("policy", "check"),
                List.of("check-policy"),
                List.of("audit", "verify"),
                List.of("audit", "tail"),
                List.of("screen", "--validator", "shell-command", "--policy"),
                List.of("screen", "--eval"));
        for (List<String> command : commands) {
            String[] args = concat(command, file.toString());
            int status = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(args));
            assertTrue(status == 1 || status == 2, command + " " + kind + ": exit " + status);
            assertTrue(stderr().contains(file.getFileName().toString()), command + " " + kind + ": " + stderr());
            assertEquals(1, stderr().strip().lines().count(), command + " " + kind + ": " + stderr());
            assertNoStackTrace();
        }
    }

    private Path badFile(String kind) throws Exception {
        Path file = dir.resolve(kind + ".in");
        switch (kind) {
            case "directory" -> Files.createDirectory(file);
            case "empty" -> Files.createFile(file);
            case "missing" -> {}
            case "binary" -> Files.write(file, new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1, 2, (byte) 0xFF, '\n'});
            default -> {
                // 1 GB, sparse: takes no disk space, reads as zeros.
                try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                    sparse.setLength(1L << 30);
                }
            }
        }
        return file;
    }

    private static String[] concat(List<String> head, String last) {
        String[] all = head.toArray(new String[head.size() + 1]);
        all[head.size()] = last;
        return all;
    }

    private Path auditFile() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditPipeline log =
                AuditPipeline.open(AuditSettings.defaults(file).withoutJmx(), "policy.yaml", "abc", Mode.ENFORCE);
        log.append(call("s1", true));
        log.append(call("s2", false));
        log.append(call("s3", true));
        log.close();
        return file;
    }

    private static AuditEvent call(String session, boolean allowed) {
        ToolDescriptor descriptor = new ToolDescriptor(
                0, "sql_read", "demo.Tools", "sql_read", List.of("q"), RiskLevel.READ, ToolSource.AGENT_TOOL);
        Decision decision = allowed
                ? Decision.allow(RiskLevel.READ, "allowed", "roles.r.allowed_tools")
                : Decision.deny(RiskLevel.READ, "denied", "roles.r.denied_tools");
        return AuditEvent.decision(
                new Caller("bot", "r", session), descriptor, new Object[] {"x"}, decision, Mode.ENFORCE);
    }
}
