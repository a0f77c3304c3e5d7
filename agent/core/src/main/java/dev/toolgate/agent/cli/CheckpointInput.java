package dev.toolgate.agent.cli;

import dev.toolgate.agent.audit.chain.ChainVerifier;
import dev.toolgate.agent.audit.checkpoint.CheckpointCheck;
import dev.toolgate.agent.audit.checkpoint.CheckpointKeys;
import dev.toolgate.agent.audit.checkpoint.CheckpointLog;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code --checkpoints} and {@code --public-key} of {@code audit verify}, read and checked before the chain. */
final class CheckpointInput {

    private final Path file;
    private final CheckpointLog.Contents contents;
    private final String keyId;

    private CheckpointInput(Path file, CheckpointLog.Contents contents, String keyId) {
        this.file = file;
        this.contents = contents;
        this.keyId = keyId;
    }

    /** Null when neither option is given. */
    static CheckpointInput read(Path checkpoints, Path publicKey) throws IOException {
        if (checkpoints == null && publicKey == null) {
            return null;
        }
        if (checkpoints == null || publicKey == null) {
            throw CliFailure.usage("--checkpoints and --public-key go together: the checkpoints are only worth"
                    + " what their signatures are, and those are checked with the public key");
        }
        InputFiles.textFile(checkpoints, "a file of checkpoint lines from a collector");
        PublicKey key;
        try {
            key = CheckpointKeys.loadPublic(publicKey);
        } catch (CheckpointKeys.KeyException e) {
            throw CliFailure.usage(e.getMessage());
        }
        String keyId = CheckpointKeys.keyId(key);
        CheckpointLog.Contents contents = CheckpointLog.read(checkpoints, key);
        if (contents.checkpoints().isEmpty() && contents.badSignatures().isEmpty()) {
            throw CliFailure.usage(checkpoints + " holds no checkpoint signed by key " + keyId + " (" + publicKey
                    + ")"
                    + (contents.otherKeys().isEmpty()
                            ? ""
                            : "; it has checkpoints of other keys: " + contents.otherKeys())
                    + "; " + contents.otherEvents() + " other audit events, " + contents.garbage()
                    + " lines that are neither. Give the file the collector wrote the agent's checkpoints to and the"
                    + " public key of the agent's audit.checkpoint.key.");
        }
        return new CheckpointInput(checkpoints, contents, keyId);
    }

    CheckpointLog.Contents contents() {
        return contents;
    }

    Set<Long> attested() {
        return CheckpointCheck.attested(contents.checkpoints());
    }

    /**
     * What the checkpoints say about the chain checked.
     *
     * @param outcome the comparison with the files; null when the chain itself is broken (its own failure stands)
     * @param failure unaccounted seqs, else bad signatures, else null
     */
    record Verdict(List<String> notes, CheckpointCheck.Outcome outcome, String failure) {}

    Verdict judge(ChainVerifier.Result chain) {
        List<String> notes = notes();
        CheckpointCheck.Outcome outcome = !chain.ok() || contents.checkpoints().isEmpty()
                ? null
                : CheckpointCheck.check(chain, contents.checkpoints());
        String failure = null;
        if (outcome != null) {
            notes.addAll(outcome.notes());
            failure = outcome.failure();
        }
        if (failure == null && !contents.badSignatures().isEmpty()) {
            failure = contents.badSignatures().size() + " checkpoint(s) in " + file + " have a bad signature ("
                    + contents.badSignatures().get(0) + ")";
        }
        return new Verdict(notes, outcome, failure);
    }

    /** What was read, for people. */
    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add(file + ": " + contents.checkpoints().size() + " checkpoints signed by key " + keyId
                + (contents.otherEvents() > 0
                        ? ", " + contents.otherEvents() + " other audit events passed over"
                        : ""));
        if (!contents.otherKeys().isEmpty()) {
            notes.add(file + ": checkpoints of other keys set aside (another agent's, or not this log's): "
                    + contents.otherKeys());
        }
        if (contents.garbage() > 0) {
            notes.add(file + ": " + contents.garbage() + " lines ignored, neither audit events nor checkpoints;"
                    + " first: " + String.join("; ", contents.garbageExamples()));
        }
        return notes;
    }
}
