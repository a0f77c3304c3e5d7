package dev.toolgate.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What a forked JVM did: exit code, output, and the audit file it left. */
public record JvmRun(int exitCode, String stdout, String stderr, Path auditFile) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every line of the audit file, parsed; fails the test if a line is not valid JSON. */
    public List<AuditLine> audit() {
        if (auditFile == null || !Files.exists(auditFile)) {
            return List.of();
        }
        try {
            List<AuditLine> lines = new ArrayList<>();
            for (String line : Files.readAllLines(auditFile)) {
                lines.add(new AuditLine(JSON.readTree(line)));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("audit file " + auditFile + " holds a line that is not JSON", e);
        }
    }

    public List<AuditLine> audit(Predicate<AuditLine> filter) {
        return audit().stream().filter(filter).toList();
    }

    /** The decision events about {@code tool}. */
    public List<AuditLine> decisionsAbout(String tool) {
        return audit(line -> "decision".equals(line.eventType()) && tool.equals(line.tool()));
    }

    /** The counters the agent wrote at shutdown. */
    public AuditLine stopLine() {
        return audit(line -> "agent_stop".equals(line.eventType())).stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("no agent_stop line in " + auditFile + "\n" + describe()));
    }

    public String describe() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
}
