package dev.toolgate.agent.audit;

import dev.toolgate.agent.audit.chain.ChainLink;
import dev.toolgate.agent.audit.chain.EventHash;
import dev.toolgate.agent.audit.chain.FileTail;
import dev.toolgate.agent.audit.checkpoint.Checkpointer;
import dev.toolgate.agent.audit.file.AuditFileSink;
import dev.toolgate.agent.audit.json.CanonicalJsonWriter;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.bootstrap.ToolgateBridge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns batches of events into chained lines and appends them: assigns {@code seq}, {@code prev_hash} and
 * {@code hash}, writes the file's own events ({@code file_start}, {@code audit_recovery}, {@code audit_gap}),
 * rotates the file, and on a failed write rewinds the chain so the file stays a valid chain. Used by one thread
 * at a time: the writer thread, or after close the callers, one at a time.
 */
final class AuditWriter {

    private static final byte[] HASH_OPEN = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HASH_CLOSE = "\"}\n".getBytes(StandardCharsets.US_ASCII);

    private final AuditFileSink sink;
    private final JsonLinesEncoder encoder;
    private final AuditStats stats;
    private final Mode mode;
    private final long waitMillis;
    private final Object sinkLock;
    private final CanonicalJsonWriter buffer = new CanonicalJsonWriter(1 << 18);
    private final EventHash hash = new EventHash();
    private volatile AuditListener[] listeners = new AuditListener[0];
    /** The policy of the last submission written, for the writer's own events (file_start, audit_gap). */
    private JsonLinesEncoder.Stamp policy;
    /** What the write in progress tells the listeners; filled only when there are any. */
    private final WrittenBatch toTell = new WrittenBatch();
    /** The listeners when the write in progress began; null when there were none. */
    private AuditListener[] telling;

    private ChainLink link;
    /** The hash of {@link #link} as ASCII hex, and the one being computed: swapped per event, no garbage. */
    private byte[] linkHex = new byte[64];

    private byte[] nextHex = new byte[64];
    private long linkSeq;
    private boolean newlineFirst;
    private AuditEvent recovery;
    private long lostUnreported;
    private long droppedReported;
    /** Signs checkpoints of the chain; null when they are off. */
    private Checkpointer checkpoints;

    private String checkpointProblem;

    AuditWriter(
            AuditFileSink sink,
            JsonLinesEncoder encoder,
            AuditStats stats,
            Mode mode,
            long waitMillis,
            Object sinkLock) {
        this.sink = sink;
        this.encoder = encoder;
        this.stats = stats;
        this.mode = mode;
        this.waitMillis = waitMillis;
        this.sinkLock = sinkLock;
        FileTail tail = sink.tail();
        setLink(tail.last());
        this.newlineFirst = tail.needsNewline();
        if (tail.tornFragment() != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("torn_bytes", (long) tail.tornFragment().length);
            details.put("torn_sha256", new EventHash().of(tail.tornFragment()));
            details.put(
                    "note",
                    "the previous line was cut off by a crash while it was being written; the chain"
                            + " continues from the event before it");
            recovery = AuditEvent.lifecycle(EventType.AUDIT_RECOVERY, null, mode, details);
            System.err.println(
                    "[toolgate] WARNING: " + sink.path() + " ended in a torn line (" + tail.tornFragment().length
                            + " bytes, a crash while writing); it is closed off and recorded by an audit_recovery event.");
        }
        if (tail.lastProblem() != null) {
            System.err.println("[toolgate] WARNING: " + sink.path() + ": " + tail.lastProblem() + "; the chain"
                    + " continues from it. Check the file with: java -jar toolgate-agent.jar audit verify "
                    + sink.path());
        }
    }

    /** Writes signed checkpoints from now on; called before the writer thread starts. */
    void checkpointWith(Checkpointer checkpointer) {
        this.checkpoints = checkpointer;
    }

    /** True when the time for a checkpoint has come and events were written since the last one. */
    boolean checkpointDue(long nowNanos) {
        return checkpoints != null && checkpoints.due(0, nowNanos);
    }

    void addListener(AuditListener listener) {
        AuditListener[] now = listeners;
        AuditListener[] more = java.util.Arrays.copyOf(now, now.length + 1);
        more[now.length] = listener;
        listeners = more;
    }

    AuditListener[] listeners() {
        return listeners;
    }

    ChainLink link() {
        if (link == null) {
            link = new ChainLink(linkSeq, new String(linkHex, StandardCharsets.US_ASCII));
        }
        return link;
    }

    private void setLink(ChainLink newLink) {
        link = newLink;
        linkSeq = newLink.seq();
        linkHex = newLink.hash().getBytes(StandardCharsets.US_ASCII);
        nextHex = new byte[64];
    }

    /** True while events could not be written and that is not yet recorded in the file. */
    boolean hasUnreportedGap() {
        return lostUnreported > 0 || stats.dropped.get() > droppedReported;
    }

    /**
     * Encodes and appends {@code count} submissions (possibly none, to record a gap), as one write.
     *
     * @return true when the lines are in the file (not necessarily synced); false when the write failed and
     *         the chain was rewound
     */
    boolean write(Submission[] batch, int count) {
        Instant now = Instant.now();
        long nowNanos = System.nanoTime();
        boolean checkpointed = false;
        ChainLink before = link();
        long droppedNow = stats.dropped.get();
        buffer.reset();
        toTell.clear();
        telling = listeners.length > 0 ? listeners : null;
        int synthetic = 0;
        try {
            if (sink.rotationDue(now)) {
                synchronized (sinkLock) {
                    sink.rotate();
                }
            }
            if (newlineFirst) {
                buffer.put((byte) '\n');
            }
            if (recovery != null) {
                append(recovery);
                synthetic++;
            }
            boolean fresh = sink.isFresh();
            long firstSeq = linkSeq + 1;
            if (fresh) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("previous_file", sink.previousFile());
                append(AuditEvent.lifecycle(EventType.FILE_START, null, mode, details));
                synthetic++;
            }
            if (lostUnreported > 0 || droppedNow > droppedReported) {
                append(gapEvent(droppedNow - droppedReported));
                synthetic++;
            }
            long writtenBefore = stats.written.get() + synthetic;
            boolean stopping = false;
            for (int i = 0; i < count; i++) {
                Submission submission = batch[i];
                AuditEvent event = submission.claim() ? submission.event : unconfirmed(submission.event);
                if (event.type() == EventType.AGENT_STOP) {
                    event = withCounters(event, writtenBefore + i + 1);
                    stopping = true;
                }
                // rendered ahead only as submitted: an unconfirmed or counted event is rendered here
                if (submission.policy != null) {
                    policy = submission.policy;
                }
                append(event, event == submission.event ? submission.renderedAhead() : null);
            }
            if (checkpoints != null && (stopping || checkpoints.due(count + synthetic, nowNanos))) {
                checkpointed = appendCheckpoint(fresh ? firstSeq : sink.activeFirstSeq(), now);
                synthetic += checkpointed ? 1 : 0;
            }
            sink.append(buffer.bytes(), 0, buffer.size());
            if (fresh) {
                sink.started(firstSeq, now);
            }
        } catch (IOException | RuntimeException | Error failure) {
            toTell.clear();
            setLink(before);
            failed(count, failure);
            return false;
        }
        newlineFirst = false;
        recovery = null;
        lostUnreported = 0;
        droppedReported = droppedNow;
        stats.written.addAndGet(count + synthetic);
        if (checkpointed) {
            checkpoints.checkpointed(nowNanos);
            syncBeforeShipping();
        } else if (checkpoints != null) {
            checkpoints.counted(count + synthetic);
        }
        if (stats.problem != null) {
            System.err.println("[toolgate] audit file " + sink.path() + " is writable again; the events that"
                    + " could not be recorded are counted in an audit_gap event.");
            stats.problem = null;
        }
        notifyListeners();
        return true;
    }

    /** Forces the file to disk. */
    void sync() throws IOException {
        synchronized (sinkLock) {
            sink.sync();
        }
        stats.fsyncs.incrementAndGet();
    }

    void close() throws IOException {
        synchronized (sinkLock) {
            sink.close();
        }
    }

    /** The failure to report when the file cannot take events: counted, printed once per distinct problem. */
    void failed(long events, Throwable failure) {
        stats.failed.addAndGet(events);
        lostUnreported += events;
        String problem = "the audit file " + sink.path() + " cannot be written (" + failure + ")";
        if (!problem.equals(stats.problem)) {
            System.err.println("[toolgate] ERROR: " + problem + ". Calls other than READ are refused until it"
                    + " can be written; events that could not be recorded are counted and reported.");
        }
        stats.problem = problem;
        ToolgateBridge.countSuppressedError();
    }

    private void append(AuditEvent event) {
        append(event, null);
    }

    /**
     * Appends a checkpoint of the event just appended. A checkpoint that cannot be signed is left out (said once on
     * stderr, counted as an internal error) rather than failing the events it follows.
     */
    private boolean appendCheckpoint(long fileFirstSeq, Instant now) {
        java.util.Map<String, Object> signed;
        try {
            signed = checkpoints.sign(
                    linkSeq,
                    new String(linkHex, StandardCharsets.US_ASCII),
                    sink.path().toString(),
                    fileFirstSeq,
                    sink.rotatedName(fileFirstSeq),
                    now);
        } catch (RuntimeException cannotSign) {
            ToolgateBridge.countSuppressedError();
            if (!String.valueOf(cannotSign).equals(checkpointProblem)) {
                checkpointProblem = String.valueOf(cannotSign);
                System.err.println("[toolgate] ERROR: no checkpoint written after seq " + linkSeq + ": " + cannotSign);
            }
            return false;
        }
        append(AuditEvent.lifecycle(EventType.CHECKPOINT, null, mode, signed));
        return true;
    }

    /**
     * A checkpoint leaves the host as soon as listeners get it: the events it attests must be on disk first, or a
     * crash would make the collector's checkpoint claim events the file never kept.
     */
    private void syncBeforeShipping() {
        try {
            sync();
        } catch (IOException | RuntimeException e) {
            ToolgateBridge.countSuppressedError();
            System.err.println("[toolgate] ERROR: the audit file " + sink.path() + " could not be synced before a"
                    + " checkpoint was shipped (" + e + "); a crash now could lose events the checkpoint attests.");
        }
    }

    private void append(AuditEvent event, RenderedEvent rendered) {
        long seq = linkSeq + 1;
        int start = buffer.size();
        buffer.startDocument();
        RenderedEvent spliced = null;
        try {
            if (rendered != null) {
                rendered.spliceInto(buffer, seq, linkHex);
                spliced = rendered;
            } else {
                encoder.encode(buffer, event, policy, seq, linkHex);
            }
        } catch (RuntimeException | Error renderingFailed) {
            // Application values could not be rendered (their iterators, equals or hashCode threw): keep the
            // event, without them.
            buffer.truncate(start);
            buffer.startDocument();
            encoder.encode(buffer, withoutValues(event, renderingFailed), policy, seq, linkHex);
        }
        int end = buffer.size();
        if (spliced != null) {
            spliced.hashInto(hash, buffer.bytes(), start, end, nextHex);
        } else {
            hash.hexInto(buffer.bytes(), start, end - start, nextHex);
        }
        buffer.truncate(end - 1);
        buffer.raw(HASH_OPEN);
        buffer.raw(nextHex);
        buffer.raw(HASH_CLOSE);
        byte[] done = linkHex;
        linkHex = nextHex;
        nextHex = done;
        linkSeq = seq;
        link = null;
        if (event.receipt() != null) {
            event.receipt().written(seq);
        }
        if (telling != null) {
            toTell.add(event, WrittenEvent.of(seq, event), start, buffer.size() - 1, linkHex);
        }
    }

    private void notifyListeners() {
        if (telling == null) {
            return;
        }
        toTell.bytes(buffer.bytes());
        for (AuditListener listener : telling) {
            try {
                listener.batchWritten(toTell);
            } catch (RuntimeException listenerFailed) {
                ToolgateBridge.countSuppressedError();
                System.err.println("[toolgate] ERROR: audit listener " + listener + " failed: " + listenerFailed);
            }
        }
        toTell.clear();
    }

    private AuditEvent gapEvent(long dropped) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dropped_events", dropped);
        details.put("lost_events", lostUnreported);
        details.put("problem", stats.problem);
        details.put(
                "note",
                "dropped: never accepted (queue full or audit file failing); lost: accepted but the"
                        + " write failed. Calls other than READ whose decision could not be recorded were refused.");
        return AuditEvent.lifecycle(EventType.AUDIT_GAP, null, mode, details);
    }

    private AuditEvent unconfirmed(AuditEvent event) {
        Map<String, Object> details = new LinkedHashMap<>(event.details());
        details.put(
                "unconfirmed",
                "the caller stopped waiting for this event after " + waitMillis + " ms and was"
                        + " told it was not recorded; in enforce mode a call other than READ was refused");
        return new AuditEvent(
                event.timestamp(),
                event.type(),
                event.caller(),
                event.tool(),
                event.arguments(),
                event.result(),
                event.tokensUsed(),
                event.decision(),
                event.mode(),
                event.durationNanos(),
                details,
                null);
    }

    private AuditEvent withCounters(AuditEvent stop, long writtenIncludingThis) {
        Map<String, Object> details = new LinkedHashMap<>(stop.details());
        details.put("events_queued", stats.queued.get());
        details.put("events_written", writtenIncludingThis);
        details.put("events_failed", stats.failed.get());
        details.put("events_dropped", stats.dropped.get());
        return new AuditEvent(
                stop.timestamp(),
                stop.type(),
                stop.caller(),
                stop.tool(),
                stop.arguments(),
                stop.result(),
                stop.tokensUsed(),
                stop.decision(),
                stop.mode(),
                stop.durationNanos(),
                details,
                null);
    }

    private static AuditEvent withoutValues(AuditEvent event, Throwable renderingFailed) {
        Map<String, Object> details = new LinkedHashMap<>(event.details().size() + 1);
        details.put(
                "render_error",
                "params and result could not be rendered: "
                        + renderingFailed.getClass().getName());
        return new AuditEvent(
                event.timestamp(),
                event.type(),
                event.caller(),
                event.tool(),
                null,
                AuditEvent.NO_RESULT,
                event.tokensUsed(),
                event.decision(),
                event.mode(),
                event.durationNanos(),
                details,
                null);
    }
}
