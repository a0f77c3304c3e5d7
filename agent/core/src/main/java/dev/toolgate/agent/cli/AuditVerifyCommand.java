package dev.toolgate.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.agent.audit.chain.ChainVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
            "A rotated set may be given in any order. Exit 0 when intact, 1 when",
            "tampered, 2 on bad input."
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

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Audit files (audit.jsonl and its rotations).")
    List<Path> files;

    AuditVerifyCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
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
        ChainVerifier.Result result = ChainVerifier.verify(files);
        String expected = expectedLastHash;
        String failure = result.failure();
        if (result.ok() && expected != null && !expected.equals(result.lastHash())) {
            failure = "the last event's hash is " + result.lastHash() + ", not the expected " + expected
                    + ": events at the end were removed, or these are not the files the hash came from";
        }
        boolean ok = failure == null;
        if (json) {
            io.out().println(json(result, ok, failure, expected));
        } else {
            result.notes().forEach(note -> io.out().println("note: " + note));
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

    private String json(ChainVerifier.Result result, boolean ok, String failure, String expected) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("ok", ok);
        ArrayNode names = node.putArray("files");
        files.forEach(file -> names.add(file.toString()));
        node.put("events", result.events());
        node.put("last_hash", result.lastHash());
        node.put("expected_last_hash", expected);
        node.put("failure", failure);
        ArrayNode notes = node.putArray("notes");
        result.notes().forEach(notes::add);
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
