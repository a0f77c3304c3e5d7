package dev.toolgate.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.agent.audit.chain.ChainVerifier;
import dev.toolgate.agent.audit.checkpoint.CheckpointCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code audit verify FILE...}: the hash chain across one or more audit files. */
@Command(
        name = "verify",
        description = {
            "Check the hash chain of audit files.",
            "A rotated set may be given in any order. With --checkpoints, also hold",
            "the chain against the signed checkpoints a collector kept: events cut",
            "off the end, deleted files and a re-computed chain are found, and the",
            "seq range unaccounted for is named. With --collected, FILE is a",
            "collector's file and the chain of the events in it is checked.",
            "Exit 0 when intact, 1 when",
            "tampered or a checkpoint's signature is bad, 2 on bad input."
        })
final class AuditVerifyCommand implements Callable<Integer> {

    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");
    /** The verifier holds the files in memory, about twice their size: refuse what would not fit. */
    private static final int HEAP_PER_BYTE = 3;

    private final Io io;

    @Option(
            names = "--expect-last-hash",
            paramLabel = "HEX",
            converter = HashConverter.class,
            description = "The hash the last event must have (from a collector's copy or an earlier run):"
                    + " events cut off the end are found only this way.")
    String expectedLastHash;

    @Option(
            names = "--checkpoints",
            paramLabel = "FILE",
            description = "Checkpoint lines as a collector received them (JSON Lines,"
                    + " rsyslog's '[sd] JSON', CloudEvents or OCSF; other lines are passed over).")
    Path checkpoints;

    @Option(
            names = "--public-key",
            paramLabel = "KEY",
            description = "The public key of the agent's checkpoint key (FILE.pub from audit keygen).")
    Path publicKey;

    @Option(
            names = "--collected",
            description = "FILE is what a collector received (rsyslog's lines, CloudEvents or"
                    + " OCSF views): check the chain of the events in it.")
    boolean collected;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Audit files (audit.jsonl and its rotations).")
    List<Path> files;

    AuditVerifyCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        CheckpointInput anchors = CheckpointInput.read(checkpoints, publicKey);
        long total = 0;
        for (Path file : files) {
            InputFiles.textFile(file, "an audit file");
            scan(file);
            total += Files.size(file);
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (total > heap / HEAP_PER_BYTE) {
            throw CliFailure.usage("the audit files are " + total + " bytes; verifying them needs about "
                    + HEAP_PER_BYTE * total / (1 << 20) + " MiB of heap, this JVM has " + heap / (1 << 20)
                    + " MiB. Run it with more (java -Xmx…) or verify the rotated files in smaller sets.");
        }
        Set<Long> attested = anchors == null ? Set.of() : anchors.attested();
        List<String> collectedNotes = new ArrayList<>();
        ChainVerifier.Result result = collected
                ? CollectedFiles.verify(files, attested, collectedNotes)
                : ChainVerifier.verify(files, attested);
        String expected = expectedLastHash;
        String failure = result.failure();
        if (result.ok() && expected != null && !expected.equals(result.lastHash())) {
            failure = "the last event's hash is " + result.lastHash() + ", not the expected " + expected
                    + ": events at the end were removed, or these are not the files the hash came from";
        }
        CheckpointInput.Verdict anchored = anchors == null ? null : anchors.judge(result);
        List<String> notes = new ArrayList<>(collectedNotes);
        notes.addAll(result.notes());
        if (anchored != null) {
            notes.addAll(anchored.notes());
            failure = failure == null ? anchored.failure() : failure;
        }
        boolean ok = failure == null;
        if (json) {
            io.out().println(json(result, notes, anchored, anchors, ok, failure, expected));
        } else {
            notes.forEach(note -> io.out().println("note: " + note));
            if (anchors != null) {
                anchors.contents().badSignatures().forEach(bad -> io.out().println("BAD SIGNATURE: " + bad));
            }
            io.out()
                    .println(
                            ok
                                    ? "OK: "
                                            + String.join(
                                                    " ",
                                                    files.stream()
                                                            .map(Path::toString)
                                                            .toList())
                                    : "TAMPERED: " + failure);
        }
        return ok ? ExitCode.OK : ExitCode.FINDING;
    }

    private String json(
            ChainVerifier.Result result,
            List<String> allNotes,
            CheckpointInput.Verdict anchored,
            CheckpointInput anchors,
            boolean ok,
            String failure,
            String expected) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("ok", ok);
        ArrayNode names = node.putArray("files");
        files.forEach(file -> names.add(file.toString()));
        node.put("events", result.events());
        node.put("last_hash", result.lastHash());
        node.put("expected_last_hash", expected);
        node.put("failure", failure);
        if (anchors != null) {
            ObjectNode checked = node.putObject("checkpoints");
            checked.put("file", checkpoints.toString());
            checked.put("signed", anchors.contents().checkpoints().size());
            ArrayNode bad = checked.putArray("bad_signatures");
            anchors.contents().badSignatures().forEach(bad::add);
            CheckpointCheck.Outcome outcome = anchored.outcome();
            if (outcome != null && !outcome.ok()) {
                checked.put("unaccounted_from", outcome.from());
                checked.put("unaccounted_to", outcome.to());
            }
        }
        ArrayNode notes = node.putArray("notes");
        allNotes.forEach(notes::add);
        return node.toString();
    }

    /** Refuses, in one streaming pass, a file with NUL bytes or lines no audit event has. */
    private static void scan(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[1 << 16];
            long offset = 0;
            long line = 1;
            long lineLength = 0;
            for (int read; (read = in.read(chunk)) > 0; offset += read) {
                for (int i = 0; i < read; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        line++;
                        lineLength = 0;
                    } else if (b == 0) {
                        throw CliFailure.usage(file + ":" + line + ": a NUL byte at offset " + (offset + i)
                                + "; this is not an audit file (Toolgate writes JSON text)");
                    } else if (++lineLength > AuditLineReader.MAX_LINE_BYTES) {
                        throw CliFailure.usage(file + ":" + line + ": a line over " + AuditLineReader.MAX_LINE_BYTES
                                + " bytes; this is not an audit file");
                    }
                }
            }
        }
    }

    /** A SHA-256 hash in hex, as the audit log writes it (lower case). */
    static final class HashConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!HASH.matcher(value.trim()).matches()) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a SHA-256 hash; give its 64 hex digits");
            }
            return value.trim().toLowerCase(Locale.ROOT);
        }
    }
}
