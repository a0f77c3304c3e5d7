package dev.toolgate.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.agent.audit.chain.AuditLines;
import dev.toolgate.agent.audit.chain.ChainVerifier;
import dev.toolgate.agent.policy.Glob;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** {@code audit verify FILE...} and {@code audit tail [options] FILE}. */
final class AuditCommands {

    private static final int MAX_VALUE_CHARS = 160;

    private AuditCommands() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("toolgate: audit needs a subcommand: verify FILE... or tail [options] FILE");
            return 2;
        }
        try {
            return switch (args[0]) {
                case "verify" -> verify(List.of(args).subList(1, args.length), out, err);
                case "tail" -> tail(List.of(args).subList(1, args.length), out, err);
                default -> {
                    err.println("toolgate: unknown audit subcommand '" + args[0] + "'; use verify or tail");
                    yield 2;
                }
            };
        } catch (NoSuchFileException e) {
            err.println("toolgate: no such file: " + e.getFile());
            return 2;
        } catch (IOException e) {
            err.println("toolgate: " + e);
            return 2;
        }
    }

    private static int verify(List<String> names, PrintStream out, PrintStream err) throws IOException {
        if (names.isEmpty()) {
            err.println("toolgate: audit verify needs at least one audit file");
            return 2;
        }
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(name);
            }
            files.add(file);
        }
        ChainVerifier.Result result = ChainVerifier.verify(files);
        result.notes().forEach(note -> out.println("note: " + note));
        if (result.ok()) {
            out.println("OK: " + String.join(" ", names));
            return 0;
        }
        out.println("TAMPERED: " + result.failure());
        return 1;
    }

    private static int tail(List<String> args, PrintStream out, PrintStream err) throws IOException {
        boolean follow = false;
        int count = 10;
        String role = null;
        String tool = null;
        String decision = null;
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-f", "--follow" -> follow = true;
                case "-n", "--role", "--tool", "--decision" -> {
                    if (i + 1 >= args.size()) {
                        err.println("toolgate: " + arg + " needs a value");
                        return 2;
                    }
                    String value = args.get(++i);
                    switch (arg) {
                        case "-n" -> {
                            try {
                                count = Integer.parseInt(value);
                            } catch (NumberFormatException e) {
                                err.println("toolgate: -n needs a number, not '" + value + "'");
                                return 2;
                            }
                        }
                        case "--role" -> role = value;
                        case "--tool" -> tool = value;
                        default -> decision = value;
                    }
                }
                default -> {
                    if (arg.startsWith("-") || file != null) {
                        err.println("toolgate: audit tail: unexpected '" + arg + "'");
                        return 2;
                    }
                    file = arg;
                }
            }
        }
        if (file == null) {
            err.println("toolgate: audit tail needs an audit file");
            return 2;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(file);
        }
        Predicate<JsonNode> filter = filter(role, tool, decision);
        Deque<String> last = new ArrayDeque<>();
        int keep = count;
        long offset = 0;
        try (RandomAccessFile in = new RandomAccessFile(path.toFile(), "r")) {
            offset = readLines(in, 0, line -> {
                JsonNode event = AuditLines.parse(line, 0, line.length);
                if (event != null && filter.test(event)) {
                    last.addLast(pretty(event));
                    if (last.size() > keep) {
                        last.removeFirst();
                    }
                }
            });
        }
        last.forEach(out::println);
        out.flush();
        if (!follow) {
            return 0;
        }
        Object identity = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return 0;
            }
            if (!Files.exists(path)) {
                continue;
            }
            Object now = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class)
                    .fileKey();
            if (!Objects.equals(now, identity) || Files.size(path) < offset) {
                identity = now; // rotated: the configured name is a new file, read it from the start
                offset = 0;
            }
            try (RandomAccessFile in = new RandomAccessFile(path.toFile(), "r")) {
                offset = readLines(in, offset, line -> {
                    JsonNode event = AuditLines.parse(line, 0, line.length);
                    if (event != null && filter.test(event)) {
                        out.println(pretty(event));
                    }
                });
            }
            out.flush();
        }
        return 0;
    }

    /** Reads the complete lines from {@code offset}; returns the offset after the last complete line. */
    private static long readLines(RandomAccessFile in, long offset, java.util.function.Consumer<byte[]> each)
            throws IOException {
        in.seek(offset);
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        long position = offset;
        long complete = offset;
        for (int read; (read = in.read(chunk)) > 0; ) {
            for (int i = 0; i < read; i++) {
                position++;
                if (chunk[i] == '\n') {
                    each.accept(line.toByteArray());
                    line.reset();
                    complete = position;
                } else {
                    line.write(chunk[i]);
                }
            }
        }
        return complete;
    }

    private static Predicate<JsonNode> filter(String role, String tool, String decision) {
        Predicate<String> toolMatches = tool == null ? name -> true : Glob.of(tool)::matches;
        return event -> (role == null || role.equals(AuditLines.text(event, "role")))
                && (tool == null
                        || (AuditLines.text(event, "tool") != null && toolMatches.test(AuditLines.text(event, "tool"))))
                && (decision == null || decision.equalsIgnoreCase(AuditLines.text(event, "decision")));
    }

    /** One line per event: when, seq, what, who, and why. */
    static String pretty(JsonNode event) {
        StringBuilder line = new StringBuilder();
        line.append(value(event, "timestamp"))
                .append("  #")
                .append(value(event, "seq"))
                .append("  ")
                .append(pad(value(event, "event_type"), 11));
        String decision = AuditLines.text(event, "decision");
        if (AuditLines.text(event, "tool") != null) {
            line.append("  ")
                    .append(pad(decision == null ? "-" : decision.toUpperCase(java.util.Locale.ROOT), 5))
                    .append("  ")
                    .append(pad(value(event, "risk_level"), 8))
                    .append("  ")
                    .append(value(event, "tool"))
                    .append("  role=")
                    .append(value(event, "role"))
                    .append(" agent=")
                    .append(value(event, "agent_id"))
                    .append(" session=")
                    .append(value(event, "session_id"));
            if ("decision".equals(AuditLines.text(event, "event_type"))) {
                line.append("  rule=")
                        .append(value(event, "rule"))
                        .append("  reason=")
                        .append(shorten(value(event, "reason")));
                if (!event.path("params").isNull()) {
                    line.append("  params=").append(shorten(event.path("params").toString()));
                }
            } else {
                line.append("  ")
                        .append(event.path("duration_us").asLong() / 1000.0)
                        .append(" ms  result=")
                        .append(shorten(
                                event.path("result").isTextual()
                                        ? event.path("result").asText()
                                        : event.path("result").toString()));
            }
        } else {
            event.fields().forEachRemaining(field -> {
                if (!List.of(
                                        "timestamp",
                                        "seq",
                                        "event_type",
                                        "hash",
                                        "prev_hash",
                                        "policy_file",
                                        "policy_sha256",
                                        "params",
                                        "result",
                                        "tokens_used",
                                        "tool",
                                        "risk_level",
                                        "approval_status",
                                        "decision",
                                        "reason",
                                        "rule")
                                .contains(field.getKey())
                        && !field.getValue().isNull()) {
                    line.append("  ")
                            .append(field.getKey())
                            .append('=')
                            .append(shorten(
                                    field.getValue().isTextual()
                                            ? field.getValue().asText()
                                            : field.getValue().toString()));
                }
            });
        }
        return line.toString();
    }

    private static String value(JsonNode event, String field) {
        String text = AuditLines.text(event, field);
        return text == null ? "-" : text;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String shorten(String text) {
        String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() <= MAX_VALUE_CHARS ? oneLine : oneLine.substring(0, MAX_VALUE_CHARS) + "…";
    }
}
