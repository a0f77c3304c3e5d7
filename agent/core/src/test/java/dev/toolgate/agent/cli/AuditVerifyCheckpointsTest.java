package dev.toolgate.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditPipeline;
import dev.toolgate.agent.audit.AuditSettings;
import dev.toolgate.agent.audit.chain.EventHash;
import dev.toolgate.agent.audit.checkpoint.CheckpointKeys;
import dev.toolgate.agent.audit.checkpoint.CheckpointSettings;
import dev.toolgate.agent.audit.file.AuditFileNames;
import dev.toolgate.agent.audit.file.Rotation;
import dev.toolgate.agent.audit.json.CanonicalJson;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify --checkpoints}: a rotated set written with checkpoints every 4 events, its checkpoint lines
 * kept as rsyslog writes them, then the files tampered with in each way a chain alone cannot show.
 */
class AuditVerifyCheckpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path active;
    private Path key;
    private Path collected;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeARotatedSetAndCollectItsCheckpoints() throws Exception {
        key = dir.resolve("checkpoint.key");
        CheckpointKeys.generate(key);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        active = logs.resolve("audit.jsonl");
        AuditSettings settings = AuditSettings.defaults(active)
                .withoutJmx()
                .withRotation(new Rotation(4_000, Duration.ZERO))
                .withCheckpoints(new CheckpointSettings(key, CheckpointKeys.loadPair(key), 4, Duration.ZERO));
        AuditPipeline log = AuditPipeline.open(settings, "policy.yaml", "abc", Mode.ENFORCE);
        ToolDescriptor tool = new ToolDescriptor(
                0, "sql_read", "demo.Tools", "sqlRead", List.of("q"), RiskLevel.READ, ToolSource.AGENT_TOOL);
        for (int i = 0; i < 60; i++) {
            long written = log.written();
            log.append(AuditEvent.decision(
                    new Caller("bot", "data_agent", "s1"),
                    tool,
                    new Object[] {"select " + i},
                    Decision.allow(RiskLevel.READ, "allowed", "roles.data_agent.allowed_tools"),
                    Mode.ENFORCE));
            while (log.written() == written) {
                Thread.sleep(1);
            }
        }
        log.close();
        collected = dir.resolve("collector.log");
        List<String> received = new ArrayList<>();
        for (Path file : files()) {
            for (String line : Files.readAllLines(file)) {
                JsonNode event = JSON.readTree(line);
                received.add("[toolgate@32473 seq=\"" + event.get("seq") + "\"] " + line);
            }
        }
        Files.write(collected, received);
        assertTrue(files().size() >= 3, "a rotated set: " + files());
    }

    private List<Path> files() throws Exception {
        List<Path> all = new ArrayList<>(new AuditFileNames(active).rotatedFiles());
        if (Files.exists(active)) {
            all.add(active);
        }
        return all;
    }

    private int verify(String... extra) throws Exception {
        out.reset();
        err.reset();
        List<String> args = new ArrayList<>(
                List.of("audit", "verify", "--checkpoints", collected.toString(), "--public-key", key + ".pub"));
        args.addAll(List.of(extra));
        files().forEach(file -> args.add(file.toString()));
        return Cli.run(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private static long seqOf(String line) throws Exception {
        return JSON.readTree(line).get("seq").asLong();
    }

    private long lastCheckpointSeq() throws Exception {
        long last = 0;
        for (Path file : files()) {
            for (String line : Files.readAllLines(file)) {
                if (line.contains("\"event_type\":\"checkpoint\"")) {
                    last = seqOf(line);
                }
            }
        }
        return last;
    }

    @Test
    void anIntactSetMatchesItsCheckpoints() throws Exception {
        assertEquals(0, verify(), output());
        assertTrue(output().contains("signed checkpoints match the files"), output());
        assertTrue(output().contains("OK: "), output());
    }

    @Test
    void aCutTailIsFoundAndItsRangeNamed() throws Exception {
        long checkpoint = lastCheckpointSeq();
        List<String> lines = Files.readAllLines(active);
        List<String> kept = lines.subList(0, lines.size() - 6);
        Files.write(active, kept);
        long lastKept = seqOf(kept.get(kept.size() - 1));
        assertEquals(
                0,
                Cli.run(
                        new String[] {"audit", "verify", active.toString()},
                        new PrintStream(out),
                        new PrintStream(err)),
                "without checkpoints the cut is invisible");
        assertEquals(1, verify(), output());
        assertTrue(
                output().contains("TAMPERED: seq " + (lastKept + 1) + ".." + checkpoint + " unaccounted for: "),
                output());
        assertTrue(output().contains("its end was cut off"), output());
        assertEquals(1, verify("--json"), output());
        JsonNode json = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(
                lastKept + 1, json.get("checkpoints").get("unaccounted_from").asLong());
        assertEquals(checkpoint, json.get("checkpoints").get("unaccounted_to").asLong());
        assertTrue(json.get("failure").asText().startsWith("seq " + (lastKept + 1) + ".."), json.toString());
    }

    @Test
    void aDeletedActiveFileIsFound() throws Exception {
        long checkpoint = lastCheckpointSeq();
        long firstOfActive = seqOf(Files.readAllLines(active).get(0));
        Files.delete(active);
        assertEquals(1, verify(), output());
        assertTrue(
                output().contains("TAMPERED: seq " + firstOfActive + ".." + checkpoint + " unaccounted for: "),
                output());
        assertTrue(output().contains("the active file was deleted"), output());
    }

    @Test
    void deletedNewestRotationsAreNamed() throws Exception {
        long checkpoint = lastCheckpointSeq();
        List<Path> rotated = new AuditFileNames(active).rotatedFiles();
        Path newest = rotated.get(rotated.size() - 1);
        long firstGone = seqOf(Files.readAllLines(newest).get(0));
        Files.delete(newest);
        Files.delete(active);
        assertEquals(1, verify(), output());
        assertTrue(
                output().contains("TAMPERED: seq " + firstGone + ".." + checkpoint + " unaccounted for: "), output());
        assertTrue(output().contains("the rotated file " + newest.getFileName()), output());
    }

    @Test
    void aWhollyRecomputedChainIsFound() throws Exception {
        EventHash hash = new EventHash();
        String prev = "0".repeat(64);
        for (Path file : files()) {
            List<String> rewritten = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                ObjectNode event = (ObjectNode) JSON.readTree(line);
                if (event.get("seq").asLong() == 3) {
                    ((ObjectNode) event.get("params")).put("q", "select nothing to see");
                }
                event.put("prev_hash", prev);
                event.remove("hash");
                prev = hash.of(CanonicalJson.bytes(event, null));
                event.put("hash", prev);
                rewritten.add(JSON.writeValueAsString(event));
            }
            Files.write(file, rewritten);
        }
        assertEquals(
                0,
                Cli.run(
                        new String[] {"audit", "verify", active.toString()},
                        new PrintStream(out),
                        new PrintStream(err)));
        assertEquals(1, verify(), output());
        assertTrue(output().contains("TAMPERED: seq 1.." + lastCheckpointSeq() + " unaccounted for: "), output());
        assertTrue(output().contains("the whole chain was computed afresh"), output());
    }

    @Test
    void aBadSignatureIsReportedAsSuch() throws Exception {
        List<String> lines = Files.readAllLines(collected);
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"event_type\":\"checkpoint\"")) {
                at = i;
            }
        }
        lines.set(at, lines.get(at).replaceFirst("\"file_first_seq\":(\\d+)", "\"file_first_seq\":99$1"));
        Files.write(collected, lines);
        assertEquals(1, verify(), output());
        assertTrue(output().contains("BAD SIGNATURE: " + collected + ":" + (at + 1) + ": "), output());
        assertTrue(output().contains("have a bad signature"), output());
    }

    @Test
    void garbageLinesAreNamedAndPassedOver() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(collected));
        lines.add(2, "Dec  3 13:00:00 host kernel: something else");
        lines.add(5, "{\"not\": \"closed\"");
        lines.add("\u0001\u0002 binary-ish");
        Files.write(collected, lines);
        assertEquals(0, verify(), output());
        assertTrue(output().contains("3 lines ignored, neither audit events nor checkpoints"), output());
        assertTrue(output().contains(collected + ":3: not an audit event or checkpoint"), output());
    }

    @Test
    void checkpointsOfAnotherKeyAreBadInputNotAVerdict() throws Exception {
        Path other = dir.resolve("other.key");
        CheckpointKeys.generate(other);
        key = other;
        assertEquals(2, verify(), output());
        assertTrue(output().contains("holds no checkpoint signed by key"), output());
        assertTrue(output().contains("checkpoints of other keys"), output());
    }

    @Test
    void aMissingPublicKeyOrAMissingHalfOfTheOptionsIsBadInput() throws Exception {
        key = dir.resolve("nowhere.key");
        assertEquals(2, verify(), output());
        assertTrue(output().contains("does not exist"), output());
        int code = Cli.run(
                new String[] {"audit", "verify", "--checkpoints", collected.toString(), active.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(output().contains("--checkpoints and --public-key go together"), output());
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Cli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aCollectorsFileIsCheckedAsAChainWhateverItWroteAroundTheEvents() throws Exception {
        List<String> lines = Files.readAllLines(collected);
        List<String> mixed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String event = line.substring(line.indexOf('{'));
            mixed.add(i % 2 == 0 ? line : "{\"specversion\":\"1.0\",\"id\":\"x\",\"data\":" + event + "}");
            if (i == 10) {
                mixed.add(line.replace("seq=", "resent=\"1\" seq=")); // a copy sent again
                mixed.add("Dec  3 13:00:00 host kernel: not ours");
            }
        }
        Path file = dir.resolve("mixed.log");
        Files.write(file, mixed);
        assertEquals(0, run("audit", "verify", "--collected", file.toString()), output());
        assertTrue(output().contains("copies sent again after a reconnection checked once"), output());
        assertTrue(output().contains("1 lines without an event passed over"), output());
        assertEquals(
                0,
                run(
                        "audit",
                        "verify",
                        "--collected",
                        "--checkpoints",
                        collected.toString(),
                        "--public-key",
                        key + ".pub",
                        file.toString()),
                output());

        mixed.remove(20);
        Files.write(file, mixed);
        assertEquals(1, run("audit", "verify", "--collected", file.toString()), output());
        assertTrue(output().contains("TAMPERED: " + file + ":21: deleted: seq 19 missing"), output());
        assertEquals(2, run("audit", "verify", "--collected", key.toString()), output());
        assertTrue(output().contains("holds no Toolgate audit event"), output());
    }

    @Test
    void keygenWritesAPairVerifyAccepts() throws Exception {
        Path made = dir.resolve("made.key");
        int code = Cli.run(
                new String[] {"audit", "keygen", made.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, output());
        assertTrue(output().contains("key id ed25519:"), output());
        assertEquals(
                2,
                Cli.run(
                        new String[] {"audit", "keygen", made.toString()},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(output().contains("exists already"), output());
    }
}
