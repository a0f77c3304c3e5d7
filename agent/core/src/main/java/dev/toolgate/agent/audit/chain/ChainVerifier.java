package dev.toolgate.agent.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks audit files: every line's hash, and that seq and prev_hash chain the lines without a gap, across the
 * files in chain order. Reports the first bad line and what was done to it: edited, deleted, reordered,
 * inserted, truncated. A torn last line (a crash in the middle of a write) is reported as such, not as
 * tampering, and so is a torn line that a later start of the agent closed off with an {@code audit_recovery}
 * event.
 */
public final class ChainVerifier {

    /**
     * @param ok      the chain holds
     * @param notes   what the verifier saw, for people: counts, torn lines, where the chain starts and ends
     * @param failure the first bad line and why, or null
     * @param events   the events checked before the first bad line, or all of them
     * @param lastHash the hash of the last event of an intact chain (what a collector's copy should end with), or
     *                 null
     * @param files    each file's span of the chain, in chain order (as far as it was checked)
     * @param found    the events asked for by seq that are in the files, checked, with their hash and place
     */
    public record Result(
            boolean ok,
            List<String> notes,
            String failure,
            long events,
            String lastHash,
            List<FileSpan> files,
            Map<Long, Found> found) {

        /** The seq of the last event checked; 0 when there is none. */
        public long lastSeq() {
            return files.isEmpty() ? 0 : files.get(files.size() - 1).lastSeq();
        }

        /** The seq of the first event checked; 0 when there is none. */
        public long firstSeq() {
            return files.isEmpty() ? 0 : files.get(0).firstSeq();
        }
    }

    /** The events of one file that were checked: seq {@code firstSeq..lastSeq}. */
    public record FileSpan(Path file, long firstSeq, long lastSeq) {}

    /** An event asked for: its hash as checked, and where it is ({@code FILE:LINE}). */
    public record Found(long seq, String hash, Path file, String where) {}

    private record Line(Path file, int number, byte[] bytes, boolean terminated) {
        String where() {
            return file + ":" + number;
        }
    }

    private record Seen(String where, String hash) {}

    private final EventHash hash = new EventHash();
    private final List<String> notes = new ArrayList<>();
    private final java.util.Set<Long> wanted;
    private final Map<Long, Found> found = new HashMap<>();
    private final List<FileSpan> spans = new ArrayList<>();
    private long checked;

    private ChainVerifier(java.util.Set<Long> wanted) {
        this.wanted = wanted;
    }

    public static Result verify(List<Path> files) throws IOException {
        return verify(files, java.util.Set.of());
    }

    /** As {@link #verify(List)}, also reporting the hash and place of each event in {@code wanted} (by seq). */
    public static Result verify(List<Path> files, java.util.Set<Long> wanted) throws IOException {
        return new ChainVerifier(wanted).run(files);
    }

    /** One event as a collector's file holds it: the line it is on, and the event's JSON. */
    public record CollectedEvent(int lineNumber, byte[] json) {}

    /**
     * Checks the chain of events taken out of a collector's file ({@code source}), in the order given: what the
     * collector received is held to the same rules as the audit file, naming lines of {@code source}.
     */
    public static Result verifyCollected(Path source, List<CollectedEvent> events, java.util.Set<Long> wanted) {
        List<Line> lines = new ArrayList<>(events.size());
        for (CollectedEvent event : events) {
            lines.add(new Line(source, event.lineNumber(), event.json(), true));
        }
        return new ChainVerifier(wanted).check(new ArrayList<>(List.of(lines)), 1);
    }

    private Result run(List<Path> files) throws IOException {
        List<List<Line>> ordered = new ArrayList<>();
        for (Path file : files) {
            ordered.add(readLines(file));
        }
        return check(ordered, files.size());
    }

    private Result check(List<List<Line>> ordered, int fileCount) {
        ordered.sort(Comparator.comparingLong(ChainVerifier::firstSeq));
        if (fileCount > 1) {
            notes.add("files in chain order: "
                    + ordered.stream()
                            .filter(lines -> !lines.isEmpty())
                            .map(lines -> lines.get(0).file().toString())
                            .toList());
        }
        List<Line> all = new ArrayList<>();
        ordered.forEach(all::addAll);

        Map<Long, Seen> seen = new HashMap<>();
        Long expected = null;
        String prevHash = null;
        String lastType = null;
        long events = 0;
        long firstSeq = 0;
        for (int i = 0; i < all.size(); i++) {
            Line line = all.get(i);
            JsonNode event = AuditLines.parse(line.bytes(), 0, line.bytes().length);
            if (event == null) {
                boolean lastOverall = i == all.size() - 1;
                if (lastOverall && !line.terminated()) {
                    notes.add(line.where() + ": torn last line (" + line.bytes().length + " bytes, no newline):"
                            + " a write cut off by a crash or a kill, not tampering; ignored");
                    continue;
                }
                if (closedOffByRecovery(line, i + 1 < all.size() ? all.get(i + 1) : null)) {
                    notes.add(line.where() + ": torn line (" + line.bytes().length + " bytes) from a crash, closed"
                            + " off by the audit_recovery event that follows it");
                    continue;
                }
                return fail(
                        line,
                        "truncated or damaged: not a complete JSON event ("
                                + AuditLines.parseProblem(line.bytes(), 0, line.bytes().length) + ")");
            }
            ChainLink link = AuditLines.claimedLink(event);
            if (link == null) {
                return fail(line, "edited: the event has no seq or hash");
            }
            if (!AuditLines.hashMatches(line.bytes(), event, link.hash(), hash)) {
                return fail(
                        line,
                        "edited: its content does not match its hash (seq " + link.seq() + "); the line"
                                + " was changed after it was written");
            }
            String type = AuditLines.text(event, "event_type");
            String prev = AuditLines.text(event, "prev_hash");
            if (startsFile(all, i) && !"file_start".equals(type) && !"audit_recovery".equals(type)) {
                return fail(
                        line,
                        "deleted: the first lines of " + line.file() + " are missing (a file begins with"
                                + " a file_start event; this is seq " + link.seq() + ")");
            }
            if (expected == null) {
                firstSeq = link.seq();
                if (link.seq() == 1 && ChainLink.GENESIS.hash().equals(prev)) {
                    notes.add("the chain starts at seq 1");
                } else if ("file_start".equals(type) && AuditLines.text(event, "previous_file") != null) {
                    notes.add("the chain starts at seq " + link.seq() + ", continuing from "
                            + AuditLines.text(event, "previous_file") + " (not given: that link is not checked)");
                } else {
                    return fail(
                            line,
                            "deleted: the chain starts at seq " + link.seq() + " but this event does not"
                                    + " link to a previous file: the lines before it are missing");
                }
            } else if (link.seq() == expected) {
                if (!prevHash.equals(prev)) {
                    return fail(
                            line,
                            "edited: prev_hash does not match the hash of the event before it (seq " + (expected - 1)
                                    + "); the event was replaced or the chain re-written");
                }
            } else if (link.seq() > expected) {
                String later = find(all, i + 1, expected);
                if (later != null) {
                    return fail(
                            line,
                            "reordered: seq " + expected + " should come here but is at " + later
                                    + "; this line has seq " + link.seq());
                }
                return fail(
                        line,
                        "deleted: seq " + expected + (link.seq() - 1 > expected ? ".." + (link.seq() - 1) : "")
                                + " missing before this line (seq " + link.seq() + ")");
            } else {
                Seen before = seen.get(link.seq());
                if (before != null) {
                    return fail(
                            line,
                            "inserted: seq " + link.seq() + " appears again (first at " + before.where()
                                    + (before.hash().equals(link.hash())
                                            ? ", the same event copied"
                                            : ", a different event")
                                    + ")");
                }
                return fail(line, "reordered: seq " + link.seq() + " comes after seq " + (expected - 1));
            }
            seen.put(link.seq(), new Seen(line.where(), link.hash()));
            expected = link.seq() + 1;
            prevHash = link.hash();
            if (!"checkpoint".equals(type)) {
                // a checkpoint written after agent_stop still leaves agent_stop as the run's last word
                lastType = type;
            }
            span(line.file(), link.seq());
            if (wanted.contains(link.seq())) {
                found.put(link.seq(), new Found(link.seq(), link.hash(), line.file(), line.where()));
            }
            events++;
            checked = events;
        }
        if (events == 0) {
            notes.add("no complete events");
            return new Result(true, notes, null, 0, null, spans, found);
        }
        notes.add(
                events + " events, seq " + firstSeq + ".." + (expected - 1) + ", chain intact; last hash " + prevHash);
        if (!"agent_stop".equals(lastType)) {
            notes.add("the last event is " + lastType + ", not agent_stop: the agent is still running or was"
                    + " stopped abruptly (or lines at the end were removed, which a chain alone cannot show:"
                    + " compare the last hash with the collector's copy)");
        }
        return new Result(true, notes, null, events, prevHash, spans, found);
    }

    private void span(Path file, long seq) {
        FileSpan last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
        if (last != null && last.file().equals(file)) {
            spans.set(spans.size() - 1, new FileSpan(file, last.firstSeq(), seq));
        } else {
            spans.add(new FileSpan(file, seq, seq));
        }
    }

    private Result fail(Line line, String why) {
        return new Result(false, notes, line.where() + ": " + why, checked, null, spans, found);
    }

    private static boolean startsFile(List<Line> all, int index) {
        Line line = all.get(index);
        for (int i = index - 1; i >= 0 && all.get(i).file().equals(line.file()); i--) {
            Line before = all.get(i);
            if (AuditLines.parse(before.bytes(), 0, before.bytes().length) != null) {
                return false;
            }
        }
        return true;
    }

    private boolean closedOffByRecovery(Line torn, Line next) {
        if (next == null) {
            return false;
        }
        JsonNode recovery = AuditLines.parse(next.bytes(), 0, next.bytes().length);
        return recovery != null
                && "audit_recovery".equals(AuditLines.text(recovery, "event_type"))
                && recovery.path("torn_bytes").asLong(-1) == torn.bytes().length
                && hash.of(torn.bytes()).equals(AuditLines.text(recovery, "torn_sha256"));
    }

    private static String find(List<Line> all, int from, long seq) {
        for (int i = from; i < all.size(); i++) {
            Line line = all.get(i);
            JsonNode event = AuditLines.parse(line.bytes(), 0, line.bytes().length);
            if (event != null && event.path("seq").asLong(-1) == seq) {
                return line.where();
            }
        }
        return null;
    }

    private static long firstSeq(List<Line> lines) {
        for (Line line : lines) {
            JsonNode event = AuditLines.parse(line.bytes(), 0, line.bytes().length);
            if (event != null && event.path("seq").canConvertToLong()) {
                return event.path("seq").longValue();
            }
        }
        return Long.MAX_VALUE;
    }

    private static List<Line> readLines(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            ByteArrayOutputStream current = new ByteArrayOutputStream(1024);
            byte[] chunk = new byte[1 << 16];
            int number = 1;
            for (int read; (read = in.read(chunk)) > 0; ) {
                int start = 0;
                for (int i = 0; i < read; i++) {
                    if (chunk[i] == '\n') {
                        current.write(chunk, start, i - start);
                        lines.add(new Line(file, number++, current.toByteArray(), true));
                        current.reset();
                        start = i + 1;
                    }
                }
                current.write(chunk, start, read - start);
            }
            if (current.size() > 0) {
                lines.add(new Line(file, number, current.toByteArray(), false));
            }
        }
        return lines;
    }
}
