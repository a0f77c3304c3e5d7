package dev.toolgate.agent.alert;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.toolgate.agent.approval.HmacSigner;
import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.config.AgentConfig;
import dev.toolgate.agent.config.ConfigReader;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.decision.Decision;
import dev.toolgate.agent.decision.DecisionListener;
import dev.toolgate.agent.decision.ToolCall;
import dev.toolgate.agent.policy.ApprovalSettings;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.policy.RiskLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The article's {@code alert_security_team}: every decision about a tool of an alerting risk class (delete and
 * external by default), allowed or not, is POSTed as JSON to a webhook. Delivery happens on a thread of its own:
 * a slow or dead receiver never holds up a tool call. An alert that cannot be delivered is audited as
 * {@code alert_failed}, and so is one dropped because too many were waiting.
 */
public final class WebhookAlerts implements DecisionListener, AutoCloseable {

    static final int QUEUE_CAPACITY = 1_024;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private record Alert(ToolCall call, Decision decision, Instant at) {
    }

    private final URI url;
    private final HmacSigner signer;
    private final Set<RiskLevel> risks;
    private final AuditLog audit;
    private final Mode mode;
    private final BlockingQueue<Alert> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(SEND_TIMEOUT).build();
    private final JsonFactory json = JsonFactory.builder().build();
    private final Thread sender;

    /** @param signer null to send unsigned alerts */
    public WebhookAlerts(URI url, HmacSigner signer, Set<RiskLevel> risks, AuditLog audit, Mode mode) {
        this.url = url;
        this.signer = signer;
        this.risks = Set.copyOf(risks);
        this.audit = audit;
        this.mode = mode;
        this.sender = new Thread(this::sendInTurn, "toolgate-alerts");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * The alert sender the configuration asks for ({@code toolgate.alert.webhook.url}, else the policy's
     * {@code approval.alerts.webhook}), or none.
     */
    public static Optional<WebhookAlerts> configured(Policy policy, AgentConfig config, AuditLog audit) {
        ApprovalSettings.Alerts fromPolicy = policy.approval().alerts();
        Optional<String> url = config.setting(ConfigReader.ALERT_WEBHOOK_URL)
                .or(() -> Optional.ofNullable(fromPolicy == null ? null : fromPolicy.webhook()));
        Set<RiskLevel> risks = fromPolicy == null ? Set.of(RiskLevel.DELETE, RiskLevel.EXTERNAL)
                : Set.copyOf(fromPolicy.risks());
        return url.map(address -> new WebhookAlerts(URI.create(address),
                config.setting(ConfigReader.ALERT_WEBHOOK_SECRET).map(HmacSigner::new).orElse(null), risks, audit,
                config.mode()));
    }

    @Override
    public void decided(ToolCall call, Decision decision) {
        if (!risks.contains(decision.risk())) {
            return;
        }
        if (!queue.offer(new Alert(call, decision, Instant.now()))) {
            failed(call, decision, "more than " + QUEUE_CAPACITY + " alerts were waiting; this one was not sent");
        }
    }

    @Override
    public void close() {
        sender.interrupt();
    }

    private void sendInTurn() {
        while (!Thread.currentThread().isInterrupted()) {
            Alert alert;
            try {
                alert = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            send(alert);
        }
    }

    private void send(Alert alert) {
        try {
            byte[] body = body(alert);
            HttpRequest.Builder post = HttpRequest.newBuilder(url).timeout(SEND_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (signer != null) {
                post.header(HmacSigner.HEADER, signer.sign(body));
            }
            int status = client.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                failed(alert.call(), alert.decision(), "the alert webhook " + url + " answered HTTP " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failed(alert.call(), alert.decision(), "the alert webhook " + url + " could not be reached (" + e + ")");
        }
    }

    private byte[] body(Alert alert) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = json.createGenerator(out, JsonEncoding.UTF8)) {
            Decision decision = alert.decision();
            generator.writeStartObject();
            generator.writeStringField("timestamp", alert.at().toString());
            generator.writeStringField("agent_id", alert.call().caller().agentId());
            generator.writeStringField("role", alert.call().caller().role());
            generator.writeStringField("session_id", alert.call().caller().sessionId());
            generator.writeStringField("tool", alert.call().tool().name());
            generator.writeStringField("risk_level", decision.risk().wireName());
            generator.writeStringField("decision", decision.outcome().wireName());
            generator.writeStringField("reason", decision.reason());
            generator.writeStringField("rule", decision.rule());
            generator.writeStringField("approval_status", decision.approvalStatus());
            generator.writeStringField("approver", decision.approver());
            generator.writeStringField("approval_id", decision.approval() == null ? null : decision.approval().id());
            generator.writeStringField("mode", mode.wireName());
            generator.writeEndObject();
        }
        return out.toByteArray();
    }

    private void failed(ToolCall call, Decision decision, String problem) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("alert_error", problem);
        audit.append(AuditEvent.notice(EventType.ALERT_FAILED, call.caller(), call.tool(), decision, mode, details));
    }
}
