package dev.toolgate.agent.approval;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditListener;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.audit.WrittenBatch;
import dev.toolgate.agent.decision.Caller;
import dev.toolgate.agent.decision.Decision;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The last decisions written to the audit file, as the gate recorded them, for the console: its list of recent
 * decisions and each pending request's "last calls of this session". It keeps the captured events, not their
 * lines, and renders them (bounded, secrets redacted) only when asked. At most {@link #CAPACITY} are kept.
 */
final class RecentDecisions implements AuditListener {

    static final int CAPACITY = 200;

    /** One decision as written. */
    record Entry(long seq, Instant timestamp, AuditEvent event) {

        Caller caller() {
            return event.caller();
        }

        Decision decision() {
            return event.decision();
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>(CAPACITY);
    private final Runnable onChange;

    /** @param onChange told, on the audit writer's thread, that decisions were added: it must return at once */
    RecentDecisions(Runnable onChange) {
        this.onChange = onChange;
    }

    @Override
    public void batchWritten(WrittenBatch batch) {
        boolean added = false;
        synchronized (entries) {
            for (int i = 0; i < batch.size(); i++) {
                AuditEvent event = batch.event(i);
                if (event.type() != EventType.DECISION || event.decision() == null || event.tool() == null) {
                    continue;
                }
                if (entries.size() == CAPACITY) {
                    entries.removeFirst();
                }
                entries.addLast(new Entry(batch.values(i).seq(), batch.values(i).timestamp(), event));
                added = true;
            }
        }
        if (added) {
            onChange.run();
        }
    }

    /** Newest first, at most {@code limit}. */
    List<Entry> latest(int limit) {
        return matching(null, limit);
    }

    /** The newest decisions about calls of this agent's session, newest first, at most {@code limit}. */
    List<Entry> ofSession(Caller caller, int limit) {
        return matching(caller, limit);
    }

    private List<Entry> matching(Caller caller, int limit) {
        List<Entry> found = new ArrayList<>();
        synchronized (entries) {
            Iterator<Entry> newestFirst = entries.descendingIterator();
            while (newestFirst.hasNext() && found.size() < limit) {
                Entry entry = newestFirst.next();
                if (caller == null
                        || (entry.caller() != null
                                && Objects.equals(entry.caller().agentId(), caller.agentId())
                                && Objects.equals(entry.caller().sessionId(), caller.sessionId()))) {
                    found.add(entry);
                }
            }
        }
        return found;
    }
}
