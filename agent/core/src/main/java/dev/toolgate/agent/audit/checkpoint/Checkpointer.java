package dev.toolgate.agent.audit.checkpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.agent.audit.json.CanonicalJson;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides when the writer is due a checkpoint and signs it. A checkpoint is an audit event whose {@code checkpoint}
 * member attests where the chain was: the seq and hash of the event just before it, the file that event is in (and
 * the name that file gets when it is rotated), and the key; {@code signature} is Ed25519 over the canonical form of
 * that member, in hex. Used by the writer thread only.
 */
public final class Checkpointer {

    /** The members of {@code checkpoint}. */
    static final String SEQ = "seq";

    static final String HASH = "hash";
    static final String FILE = "file";
    static final String FILE_FIRST_SEQ = "file_first_seq";
    static final String ROTATED_AS = "rotated_as";
    static final String KEY_ID = "key_id";
    static final String SIGNED_AT = "signed_at";
    /** The event's members. */
    public static final String CHECKPOINT = "checkpoint";

    public static final String SIGNATURE = "signature";

    private final CheckpointSettings settings;
    private final String keyId;
    private final long intervalNanos;
    private long eventsSince;
    private long lastNanos;

    public Checkpointer(CheckpointSettings settings, long nowNanos) {
        this.settings = settings;
        this.keyId = settings.keyId();
        this.intervalNanos = settings.interval().toNanos();
        this.lastNanos = nowNanos;
    }

    /** Whether a checkpoint is due once {@code more} events are written on top of those since the last one. */
    public boolean due(long more, long nowNanos) {
        long events = eventsSince + more;
        return (settings.everyEvents() > 0 && events >= settings.everyEvents())
                || (intervalNanos > 0 && events > 0 && nowNanos - lastNanos >= intervalNanos);
    }

    /** {@code events} were written without a checkpoint. */
    public void counted(long events) {
        eventsSince += events;
    }

    /** A checkpoint was written after the events counted so far. */
    public void checkpointed(long nowNanos) {
        eventsSince = 0;
        lastNanos = nowNanos;
    }

    /**
     * The members of a checkpoint event attesting that the chain reached {@code seq} with {@code hash}.
     *
     * @param file         the file event {@code seq} is in (the active file)
     * @param fileFirstSeq the seq of that file's first event
     * @param rotatedAs    the name that file gets when it is rotated
     */
    public Map<String, Object> sign(
            long seq, String hash, String file, long fileFirstSeq, String rotatedAs, Instant at) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put(SEQ, seq);
        statement.put(HASH, hash);
        statement.put(FILE, file);
        statement.put(FILE_FIRST_SEQ, fileFirstSeq);
        statement.put(ROTATED_AS, rotatedAs);
        statement.put(KEY_ID, keyId);
        statement.put(SIGNED_AT, at.truncatedTo(ChronoUnit.MICROS).toString());
        byte[] signature;
        try {
            signature = CheckpointSignature.sign(settings.keys().getPrivate(), signedBytes(statement));
        } catch (GeneralSecurityException e) {
            // The key was checked at start-up; a provider failing now is a bug worth an error, not a silent gap.
            throw new IllegalStateException("cannot sign a checkpoint with " + settings.keyFile() + ": " + e, e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(CHECKPOINT, statement);
        // lowercase hex: base64 of random bytes reads as a secret to the audit log's redaction, hex never does
        details.put(SIGNATURE, HexFormat.of().formatHex(signature));
        return details;
    }

    /** What is signed: the canonical JSON of the {@code checkpoint} member, as a verifier recomputes it. */
    static byte[] signedBytes(Map<String, Object> statement) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        statement.forEach((name, value) -> {
            if (value instanceof Long number) {
                node.put(name, number);
            } else {
                node.put(name, (String) value);
            }
        });
        return CanonicalJson.bytes(node, null);
    }
}
