package dev.toolgate.agent.audit.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.audit.chain.AuditLines;
import dev.toolgate.agent.audit.chain.CollectorLines;
import dev.toolgate.agent.audit.json.CanonicalJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The checkpoints in a collector's file, in any of the forms {@link CollectorLines} reads. Other audit events are passed over; lines that are none
 * of these are counted as garbage. A checkpoint counts only when its signature verifies with the key given: one
 * that names the key but does not verify is reported as a bad signature, one that names another key is set
 * aside.
 */
public final class CheckpointLog {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_EXAMPLES = 5;

    /**
     * @param checkpoints   the checkpoints signed by the key, each (seq, hash) once, by seq
     * @param badSignatures lines that name the key but whose signature does not verify: {@code FILE:LINE: why}
     * @param otherKeys     key id → how many checkpoints name it
     * @param garbage       how many lines are neither an audit event nor a checkpoint
     * @param garbageExamples the first few of them: {@code FILE:LINE: why}
     * @param otherEvents   audit events that are not checkpoints (a collector's file of every event)
     */
    public record Contents(
            List<Checkpoint> checkpoints,
            List<String> badSignatures,
            Map<String, Integer> otherKeys,
            long garbage,
            List<String> garbageExamples,
            long otherEvents) {}

    private CheckpointLog() {}

    public static Contents read(Path file, PublicKey key) throws IOException {
        String keyId = CheckpointKeys.keyId(key);
        TreeMap<Long, List<Checkpoint>> bySeq = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        List<String> bad = new ArrayList<>();
        Map<String, Integer> otherKeys = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        long garbage = 0;
        long otherEvents = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line; (line = in.readLine()) != null; ) {
                number++;
                String where = file + ":" + number;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = CollectorLines.event(line);
                if (event == null) {
                    garbage++;
                    if (examples.size() < MAX_EXAMPLES) {
                        examples.add(where + ": not an audit event or checkpoint (" + abbreviated(line) + ")");
                    }
                    continue;
                }
                if (!"checkpoint".equals(AuditLines.text(event, "event_type"))) {
                    otherEvents++;
                    continue;
                }
                JsonNode statement = event.get(Checkpointer.CHECKPOINT);
                String problem = malformed(statement, event.get(Checkpointer.SIGNATURE));
                if (problem != null) {
                    garbage++;
                    if (examples.size() < MAX_EXAMPLES) {
                        examples.add(where + ": a checkpoint event that " + problem);
                    }
                    continue;
                }
                String claimedKey = statement.get(Checkpointer.KEY_ID).textValue();
                if (!claimedKey.equals(keyId)) {
                    otherKeys.merge(claimedKey, 1, Integer::sum);
                    continue;
                }
                Checkpoint checkpoint = checkpoint(statement, where);
                if (!signedBy(key, statement, event.get(Checkpointer.SIGNATURE).textValue())) {
                    bad.add(where + ": the checkpoint of seq " + checkpoint.seq() + " (signed_at "
                            + checkpoint.signedAt() + ") names key " + keyId + " but its signature does not verify"
                            + " with it: the line was altered or forged");
                    continue;
                }
                if (seen.add(checkpoint.seq() + " " + checkpoint.hash())) {
                    bySeq.computeIfAbsent(checkpoint.seq(), seq -> new ArrayList<>())
                            .add(checkpoint);
                }
            }
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        bySeq.values().forEach(checkpoints::addAll);
        return new Contents(checkpoints, bad, otherKeys, garbage, examples, otherEvents);
    }

    private static String malformed(JsonNode statement, JsonNode signature) {
        if (statement == null || !statement.isObject()) {
            return "has no checkpoint member";
        }
        if (signature == null || !signature.isTextual()) {
            return "has no signature";
        }
        if (!statement.path(Checkpointer.SEQ).canConvertToLong()
                || !statement.path(Checkpointer.FILE_FIRST_SEQ).canConvertToLong()) {
            return "has no numeric seq or file_first_seq";
        }
        if (!HEX64.matcher(statement.path(Checkpointer.HASH).asText("")).matches()) {
            return "has no hash of 64 hex digits";
        }
        for (String text :
                new String[] {Checkpointer.KEY_ID, Checkpointer.FILE, Checkpointer.ROTATED_AS, Checkpointer.SIGNED_AT
                }) {
            if (!statement.path(text).isTextual()) {
                return "has no " + text;
            }
        }
        return null;
    }

    private static Checkpoint checkpoint(JsonNode statement, String where) {
        return new Checkpoint(
                statement.get(Checkpointer.SEQ).longValue(),
                statement.get(Checkpointer.HASH).textValue(),
                statement.get(Checkpointer.FILE).textValue(),
                statement.get(Checkpointer.FILE_FIRST_SEQ).longValue(),
                statement.get(Checkpointer.ROTATED_AS).textValue(),
                statement.get(Checkpointer.KEY_ID).textValue(),
                statement.get(Checkpointer.SIGNED_AT).textValue(),
                where);
    }

    private static boolean signedBy(PublicKey key, JsonNode statement, String signature) {
        try {
            return CheckpointSignature.verify(
                    key, CanonicalJson.bytes(statement, null), HexFormat.of().parseHex(signature));
        } catch (IllegalArgumentException | GeneralSecurityException notASignature) {
            return false;
        }
    }

    private static String abbreviated(String line) {
        String cleaned = line.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() <= 60 ? "'" + cleaned + "'" : "'" + cleaned.substring(0, 60) + "…'";
    }
}
