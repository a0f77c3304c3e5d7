package dev.toolgate.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file, precedence with sources, warnings, the argument escape, durations and the kill switch. */
class ConfigFacadeTest {

    @TempDir
    Path dir;

    private Path configFile(String text) throws Exception {
        Path file = dir.resolve("toolgate.properties");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theConfigFileComesAfterTheEnvironmentAndBeforeDefaults() throws Exception {
        Path file = configFile("# settings\nrole = from_file\nmode=monitor\naudit.file=/tmp/from-file.jsonl\n");
        ConfigReader reader = ConfigReader.of(
                "policy=p.yaml",
                Map.of("toolgate.config.file", file.toString(), "toolgate.mode", "enforce"),
                Map.of("TOOLGATE_AUDIT_FILE", "/tmp/from-env.jsonl"));
        AgentConfig config = reader.read();
        assertEquals("from_file", config.defaultRole().orElseThrow());
        assertEquals(Mode.ENFORCE, config.mode());
        assertEquals(Path.of("/tmp/from-env.jsonl"), config.auditFile());

        ConfigSetting role = reader.resolve("role").orElseThrow();
        assertEquals(ConfigSource.CONFIG_FILE, role.source());
        assertEquals(file + ":2", role.origin());
        assertEquals(
                ConfigSource.AGENT_ARGUMENT,
                reader.resolve("policy").orElseThrow().source());
        assertEquals("-Dtoolgate.mode", reader.resolve("mode").orElseThrow().origin());
        assertEquals(
                "TOOLGATE_AUDIT_FILE",
                reader.resolve("audit.file").orElseThrow().origin());
        assertTrue(reader.resolve("agent.id").isEmpty());
    }

    @Test
    void anUnknownKeyInTheConfigFileIsAnErrorNamingLineAndClosestKey() throws Exception {
        Path file = configFile("role=r\n\naudit.fiel=x\n");
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ConfigReader.of(null, Map.of(), Map.of("TOOLGATE_CONFIG_FILE", file.toString())));
        assertEquals(file + ":3: 'audit.fiel' is not a Toolgate setting; did you mean 'audit.file'?", e.getMessage());

        Files.writeString(file, "toolgate.role=r\n");
        e = assertThrows(ConfigException.class, () -> ConfigReader.of("config.file=" + file, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("without the toolgate. prefix: role"), e.getMessage());

        e = assertThrows(
                ConfigException.class,
                () -> ConfigReader.of("config.file=" + dir.resolve("absent.properties"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("config file not found (set by config.file="), e.getMessage());
    }

    @Test
    void unknownPropertiesAndVariablesAreWarnedAboutWithTheClosestKey() throws Exception {
        ConfigReader reader = ConfigReader.of(
                null,
                Map.of("toolgate.polcy", "x", "toolgate.policy", "p.yaml", "user.home", "/h", "toolgate.zzzzzzzz", "1"),
                Map.of("TOOLGATE_AUDIT_FIEL", "x", "TOOLGATE_ROLE", "r", "PATH", "/bin"));
        List<String> warnings = reader.warnings();
        assertEquals(3, warnings.size(), warnings.toString());
        assertEquals(
                "system property -Dtoolgate.polcy is not a Toolgate setting and is ignored; did you mean"
                        + " -Dtoolgate.policy?",
                warnings.get(0));
        assertTrue(warnings.get(1).contains("-Dtoolgate.zzzzzzzz")
                && warnings.get(1).contains("docs/configuration.md"));
        assertEquals(
                "environment variable TOOLGATE_AUDIT_FIEL is not a Toolgate setting and is ignored; did you mean"
                        + " TOOLGATE_AUDIT_FILE?",
                warnings.get(2));
    }

    @Test
    void anUnknownAgentArgumentIsStillRefusedWithAHint() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.of("rol=x", Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("'rol' is not a Toolgate setting; did you mean 'role'?"), e.getMessage());
    }

    @Test
    void aCommaInsideAnAgentArgumentValueIsEscapedWithABackslash() throws Exception {
        ConfigReader reader = ConfigReader.of(
                "alert.webhook.url=https://hooks.example/t?a=1\\,2&b=3,role=r,audit.file=C:\\logs\\a.jsonl",
                Map.of(),
                Map.of());
        assertEquals(
                "https://hooks.example/t?a=1,2&b=3",
                reader.value("alert.webhook.url").orElseThrow());
        assertEquals("r", reader.value("role").orElseThrow());
        assertEquals("C:\\logs\\a.jsonl", reader.value("audit.file").orElseThrow());
        assertEquals(List.of("a\\b", "c,d", ""), ConfigReader.splitArguments("a\\\\b,c\\,d,"));
    }

    @Test
    void durationsHaveOneFormEverywhere() throws Exception {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
        assertEquals(Duration.ofSeconds(2 * 3600 + 15 * 60 + 30), Durations.parse("2h15m30s"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1s500ms"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h 30m"));
        assertNull(Durations.parse("30m1h"));
        assertNull(Durations.parse("5"));
        assertNull(Durations.parse("1.5h"));
        assertNull(Durations.parse("0s"));
        assertEquals(Duration.ZERO, ConfigValues.duration("audit.rotate.age", "0"));
        assertEquals(Duration.ofMinutes(90), ConfigValues.duration("audit.rotate.age", "1h30m"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigValues.duration("audit.wait", "5 secs"));
        assertTrue(e.getMessage().contains("setting 'audit.wait' = '5 secs' is not a duration"), e.getMessage());
    }

    @Test
    void theKillSwitchIsReadFromAnySource() throws Exception {
        assertTrue(ConfigReader.of(null, Map.of(), Map.of()).enabled());
        assertFalse(ConfigReader.of("enabled=false", Map.of(), Map.of()).enabled());
        assertFalse(ConfigReader.of(null, Map.of("toolgate.enabled", "false"), Map.of())
                .enabled());
        assertFalse(ConfigReader.of(null, Map.of(), Map.of("TOOLGATE_ENABLED", "FALSE"))
                .enabled());
        Path file = configFile("enabled=false\n");
        ConfigReader fromFile = ConfigReader.of("config.file=" + file, Map.of(), Map.of());
        assertFalse(fromFile.enabled());
        assertTrue(ConfigReader.of("enabled=true,config.file=" + file, Map.of(), Map.of())
                .enabled());
        // A value that is neither fails closed: it is a configuration error, not "off".
        assertThrows(
                ConfigException.class,
                () -> ConfigReader.of("enabled=no", Map.of(), Map.of()).enabled());
    }

    @Test
    void theReportSaysWhereEachValueCameFromAndHidesSecrets() throws Exception {
        Path file = configFile("approval.webhook.secret=s3cr3t-value\nrole=r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ConfigReport.report(
                "policy=p.yaml",
                Map.of("toolgate.config.file", file.toString(), "toolgate.roel", "x"),
                Map.of("TOOLGATE_APPROVAL_ENDPOINT_TOKEN", "tok-123"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertFalse(report.contains("s3cr3t-value") || report.contains("tok-123"), report);
        assertTrue(
                report.matches("(?s).*approval\\.webhook\\.secret\\s+= \\(set\\)   \\[config file: .*:1\\].*"), report);
        assertTrue(
                report.matches("(?s).*approval\\.endpoint\\.token\\s+= \\(set\\)   \\[environment: "
                        + "TOOLGATE_APPROVAL_ENDPOINT_TOKEN\\].*"),
                report);
        assertTrue(report.matches("(?s).*\\npolicy\\s+= p\\.yaml   \\[agent argument: .*"), report);
        assertTrue(report.matches("(?s).*\\nmode\\s+= enforce   \\[default\\].*"), report);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("did you mean -Dtoolgate.role?"));

        assertEquals(
                1,
                ConfigReport.report(
                        "mode=sometimes",
                        Map.of(),
                        Map.of(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)));
    }
}
