package dev.toolgate.agent.alert;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditListener;
import dev.toolgate.agent.audit.AuditStats;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.audit.WrittenBatch;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.policy.RiskLevel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends an alert for every decision on a high-risk call once it is in the audit file, from its own thread: a slow
 * or failing channel never holds up a tool call or the audit writer. Every failed delivery, and alerts that did
 * not fit in the queue, are recorded as {@code alert_failed} audit events.
 */
public final class AlertDispatcher implements AuditListener {

    private static final int QUEUE = 1_024;

    private final AlertChannel channel;
    private final Set<RiskLevel> risks;
    private final Consumer<AuditEvent> audit;
    private final AuditStats stats;
    private final Mode mode;
    private final BlockingQueue<Alert> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong overflow = new AtomicLong();
    /** Alerts queued or being sent: close() waits for this, not just for an empty queue. */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    private final Thread thread;
    private volatile boolean stopping;

    public AlertDispatcher(
            AlertChannel channel, Set<RiskLevel> risks, Consumer<AuditEvent> audit, AuditStats stats, Mode mode) {
        this.channel = channel;
        this.risks = Set.copyOf(risks);
        this.audit = audit;
        this.stats = stats;
        this.mode = mode;
        this.thread = new Thread(this::run, "toolgate-alerts");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void batchWritten(WrittenBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            AuditEvent event = batch.event(i);
            if (alerts(event)) {
                enqueue(summary(event, batch.values(i).seq()), batch.values(i).seq(), batch.line(i));
            } else if (event.type() == EventType.CHECKPOINT) {
                enqueue(
                        checkpointSummary(event, batch.values(i).seq()),
                        batch.values(i).seq(),
                        batch.line(i));
            }
        }
    }

    private boolean alerts(AuditEvent event) {
        Decision decision = event.decision();
        return event.type() == EventType.DECISION && decision != null && risks.contains(decision.risk());
    }

    private static String summary(AuditEvent event, long seq) {
        Decision decision = event.decision();
        return "Toolgate: " + decision.outcome().wireName() + " "
                + decision.risk().wireName() + " tool '"
                + (event.tool() == null ? "?" : event.tool().name()) + "' for role '"
                + (event.caller() == null ? null : event.caller().role()) + "' (agent "
                + (event.caller() == null ? null : event.caller().agentId()) + ", session "
                + (event.caller() == null ? null : event.caller().sessionId()) + ", seq " + seq + "): "
                + decision.reason();
    }

    /**
     * Checkpoints go to the webhook as well, as a second copy off the host: the receiver keeps the event, which
     * {@code audit verify --checkpoints} reads.
     */
    private static String checkpointSummary(AuditEvent event, long seq) {
        Object statement = event.details().get("checkpoint");
        Map<?, ?> checkpoint = statement instanceof Map<?, ?> map ? map : Map.of();
        return "Toolgate: signed checkpoint (seq " + seq + "): the audit chain reached seq " + checkpoint.get("seq")
                + " with hash " + checkpoint.get("hash") + " in " + checkpoint.get("file") + " (key "
                + checkpoint.get("key_id") + ")";
    }

    private void enqueue(String summary, long seq, String line) {
        pending.incrementAndGet();
        if (!queue.offer(new Alert(summary, line, seq))) {
            pending.decrementAndGet();
            overflow.incrementAndGet();
        }
    }

    @Override
    public void close(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (pending.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopping = true;
        thread.interrupt();
    }

    @Override
    public String toString() {
        return "alerts to " + channel.name();
    }

    private void run() {
        while (!stopping) {
            Alert alert;
            try {
                alert = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            long dropped = overflow.getAndSet(0);
            if (dropped > 0) {
                recordFailure(
                        null,
                        dropped + " alerts were not sent: more high-risk events arrived than the alert"
                                + " channel could take (queue of " + QUEUE + ")");
            }
            if (alert == null) {
                continue;
            }
            try {
                channel.send(alert);
                stats.alertSent();
            } catch (Exception | LinkageError failure) {
                recordFailure(alert, failure.toString());
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    private void recordFailure(Alert alert, String error) {
        stats.alertFailed();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("alert_channel", channel.name());
        details.put("alert_error", error);
        details.put("alerted_seq", alert == null ? null : alert.seq());
        audit.accept(AuditEvent.lifecycle(EventType.ALERT_FAILED, null, mode, details));
        System.err.println("[toolgate] WARNING: alert via " + channel.name() + " failed: " + error);
    }
}
