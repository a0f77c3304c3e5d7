package dev.toolgate.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.audit.chain.AuditLines;
import dev.toolgate.agent.decision.Outcome;
import dev.toolgate.agent.policy.Glob;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code audit tail}: the last matching events of an audit file, pretty or raw, optionally following it. */
@Command(
        name = "tail",
        description = {
            "Print the last matching events of an audit file.",
            "One line per event, or the JSON lines as written (--json)."
        })
final class AuditTailCommand implements Callable<Integer> {

    private static final long FOLLOW_INTERVAL_MS = 200;

    private final Io io;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing events as they are written (also across rotation).")
    boolean follow;

    @Option(
            names = "-n",
            paramLabel = "N",
            defaultValue = "10",
            description = "How many of the last matching events to print (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--role", paramLabel = "ROLE", description = "Only events of this role.")
    String role;

    @Option(names = "--tool", paramLabel = "GLOB", description = "Only events of tools matching this glob (sql_*).")
    String tool;

    @Option(
            names = "--decision",
            paramLabel = "DECISION",
            converter = DecisionConverter.class,
            description = "Only events with this decision: allow, deny or pending.")
    String decision;

    @Option(names = "--session", paramLabel = "SESSION", description = "Only events of this session id.")
    String session;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            converter = Since.class,
            description = "Only events at or after TIME: an ISO-8601 instant (2025-01-31T14:00:00Z) or a"
                    + " duration ago (30s, 5m, 1h30m, 1d).")
    Instant since;

    @Option(names = "--json", description = "Print the events' JSON lines as written, not the pretty form.")
    boolean json;

    @Parameters(paramLabel = "FILE", description = "The audit file (audit.jsonl).")
    Path file;

    AuditTailCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        if (count < 0) {
            throw CliFailure.usage("-n must be 0 or more, not " + count);
        }
        InputFiles.textFile(file, "an audit file", follow);
        if (!follow && Files.size(file) == 0) {
            throw CliFailure.usage(file + " is empty: no events to show");
        }
        PrintStream out = io.out();
        Predicate<JsonNode> filter = filter();
        Deque<String> last = new ArrayDeque<>();
        AuditLineReader reader = new AuditLineReader();
        long offset;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            offset = reader.read(in, 0, line -> {
                String shown = show(line, filter);
                if (shown != null && count > 0) {
                    last.addLast(shown);
                    if (last.size() > count) {
                        last.removeFirst();
                    }
                }
            });
        }
        last.forEach(out::println);
        out.flush();
        reportOversized(reader);
        if (!follow) {
            return ExitCode.OK;
        }
        Object identity = identity();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(FOLLOW_INTERVAL_MS);
            } catch (InterruptedException e) {
                return ExitCode.OK;
            }
            if (!Files.exists(file)) {
                continue;
            }
            Object now = identity();
            if (!Objects.equals(now, identity) || Files.size(file) < offset) {
                identity = now; // rotated: the configured name is a new file, read it from the start
                offset = 0;
            }
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                offset = reader.read(in, offset, line -> {
                    String shown = show(line, filter);
                    if (shown != null) {
                        out.println(shown);
                    }
                });
            }
            out.flush();
        }
        return ExitCode.OK;
    }

    private Object identity() throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    /** How a line is printed, or null when it is not a matching event. */
    private String show(byte[] line, Predicate<JsonNode> filter) {
        JsonNode event = AuditLines.parse(line, 0, line.length);
        if (event == null || !filter.test(event)) {
            return null;
        }
        return json ? new String(line, StandardCharsets.UTF_8) : AuditPretty.pretty(event);
    }

    private void reportOversized(AuditLineReader reader) {
        if (reader.oversized() > 0) {
            io.err()
                    .println("toolgate audit tail: skipped " + reader.oversized() + " lines over "
                            + AuditLineReader.MAX_LINE_BYTES + " bytes: not events Toolgate writes");
        }
    }

    private Predicate<JsonNode> filter() {
        Predicate<String> toolMatches = tool == null ? name -> true : Glob.of(tool)::matches;
        return event -> (role == null || role.equals(AuditLines.text(event, "role")))
                && (tool == null
                        || (AuditLines.text(event, "tool") != null && toolMatches.test(AuditLines.text(event, "tool"))))
                && (decision == null || decision.equalsIgnoreCase(AuditLines.text(event, "decision")))
                && (session == null || session.equals(AuditLines.text(event, "session_id")))
                && (since == null || atOrAfter(AuditLines.text(event, "timestamp"), since));
    }

    private static boolean atOrAfter(String timestamp, Instant since) {
        if (timestamp == null) {
            return false;
        }
        try {
            return !Instant.parse(timestamp).isBefore(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A decision as the audit log writes it; anything else is a usage error that names the allowed values. */
    static final class DecisionConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String allowed =
                    Arrays.stream(Outcome.values()).map(Outcome::wireName).collect(Collectors.joining(", "));
            return Arrays.stream(Outcome.values())
                    .map(Outcome::wireName)
                    .filter(name -> name.equalsIgnoreCase(value.trim()))
                    .findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException(
                            "'" + value + "' is not a decision; use one of " + allowed));
        }
    }
}
