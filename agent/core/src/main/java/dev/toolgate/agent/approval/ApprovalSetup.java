package dev.toolgate.agent.approval;

import dev.toolgate.agent.audit.AuditEvent;
import dev.toolgate.agent.audit.AuditListener;
import dev.toolgate.agent.audit.AuditLog;
import dev.toolgate.agent.audit.EventType;
import dev.toolgate.agent.config.AgentConfig;
import dev.toolgate.agent.config.ConfigException;
import dev.toolgate.agent.config.ConfigReader;
import dev.toolgate.agent.config.ConfigValues;
import dev.toolgate.agent.config.Durations;
import dev.toolgate.agent.config.Mode;
import dev.toolgate.agent.policy.ApprovalSettings;
import dev.toolgate.agent.policy.Policy;
import dev.toolgate.agent.webhook.WebhookSigner;
import dev.toolgate.agent.webhook.WebhookUrls;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the approval stage from the policy's {@code approval:} section and the configuration, which wins for the
 * channel and holds the secrets. Without a channel, requests are denied.
 */
public final class ApprovalSetup implements AutoCloseable {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final ApprovalStage stage;
    private final ApprovalChannel channel;
    private final GrantStore grants;
    private final String description;
    private final AgentConfig config;
    private final AuditLog audit;

    private ApprovalSetup(
            ApprovalStage stage,
            ApprovalChannel channel,
            GrantStore grants,
            String description,
            AgentConfig config,
            AuditLog audit) {
        this.stage = stage;
        this.channel = channel;
        this.grants = grants;
        this.description = description;
        this.config = config;
        this.audit = audit;
    }

    public static ApprovalSetup create(Policy policy, AgentConfig config, AuditLog audit) throws ConfigException {
        ApprovalSettings settings = policy.approval();
        Duration timeout = timeout(config, settings);
        GrantStore grants = new GrantStore((grant, by) -> audit.append(revocation(grant, by, config.mode())));
        String name = config.setting(ConfigReader.APPROVAL_CHANNEL)
                .orElse(settings.channel() == null ? "deny" : settings.channel())
                .trim();
        ApprovalChannel channel;
        String description;
        switch (name) {
            case "deny" -> {
                channel = new DenyChannel(DenyChannel.NOT_CONFIGURED);
                description = "approval channel: none (requests are denied)";
            }
            case "console" -> {
                channel = new ConsoleChannel(Path.of("/dev/tty"));
                description = "approval channel: console (/dev/tty)";
            }
            case "webhook" -> {
                WebhookChannel webhook = webhook(config, settings);
                channel = webhook;
                description = "approval channel: webhook " + webhook.url();
            }
            case "endpoint" -> {
                EndpointChannel endpoint = endpoint(config, settings, grants);
                channel = endpoint;
                description = "approval channel: endpoint http://127.0.0.1:" + endpoint.port() + "/approvals";
            }
            default -> {
                channel = new SpiChannel(name);
                description = "approval channel: " + name + " (SPI)";
            }
        }
        ApprovalStage stage =
                new ApprovalStage(new ApprovalRules(policy, timeout), channel, grants, audit, config.mode());
        return new ApprovalSetup(
                stage, channel, grants, description + ", timeout " + timeout.toSeconds() + " s", config, audit);
    }

    /**
     * The approval stage of a reloaded policy: its rules, defaults and timeout, with the channel and the grants
     * of the running agent. The channel stays the one chosen at start-up (it may hold a server socket or a
     * terminal); a reload that changes {@code approval.channel}, {@code webhook} or {@code endpoint} takes effect
     * at the next start.
     */
    public ApprovalStage stageFor(Policy policy) throws ConfigException {
        Duration timeout = timeout(config, policy.approval());
        return new ApprovalStage(new ApprovalRules(policy, timeout), channel, grants, audit, config.mode());
    }

    public ApprovalStage stage() {
        return stage;
    }

    public GrantStore grants() {
        return grants;
    }

    /** What the channel wants to hear from the audit log: the endpoint's console shows recent decisions. */
    public Optional<AuditListener> auditListener() {
        return channel instanceof EndpointChannel endpoint
                ? Optional.of(endpoint.decisionListener())
                : Optional.empty();
    }

    /** One line for the start-up message. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        channel.close();
    }

    private static AuditEvent revocation(Grant grant, String by, Mode mode) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("grant_id", grant.id());
        details.put("grant_scope", grant.scope().wireName());
        details.put("grant_role", grant.role());
        details.put("grant_session_id", grant.sessionId());
        details.put("grant_tool", grant.tool());
        details.put("grant_arguments_sha256", grant.argumentsSha256());
        details.put("grant_approval_id", grant.approvalId());
        details.put("grant_approver", grant.approver());
        details.put("revoked_by", by);
        return AuditEvent.lifecycle(EventType.GRANT_REVOKED, null, mode, details);
    }

    private static Duration timeout(AgentConfig config, ApprovalSettings settings) throws ConfigException {
        Optional<String> configured = config.setting(ConfigReader.APPROVAL_TIMEOUT);
        if (configured.isPresent()) {
            Duration parsed = Durations.parse(configured.get());
            if (parsed == null) {
                throw new ConfigException("toolgate.approval.timeout '" + configured.get() + "' is not a duration;"
                        + " write for instance " + Durations.EXAMPLES);
            }
            return parsed;
        }
        return settings.timeout() == null ? DEFAULT_TIMEOUT : Durations.parse(settings.timeout());
    }

    private static WebhookChannel webhook(AgentConfig config, ApprovalSettings settings) throws ConfigException {
        URI url = webhookUrl(config, settings);
        boolean allowHttp = config.setting(ConfigReader.APPROVAL_WEBHOOK_ALLOW_HTTP)
                        .isPresent()
                ? ConfigValues.bool(
                        ConfigReader.APPROVAL_WEBHOOK_ALLOW_HTTP,
                        config.setting(ConfigReader.APPROVAL_WEBHOOK_ALLOW_HTTP).get())
                : settings.webhook() != null
                        && Boolean.TRUE.equals(settings.webhook().allowHttp());
        WebhookUrls.requireProtected(
                "the approval webhook URL",
                url,
                allowHttp,
                "toolgate." + ConfigReader.APPROVAL_WEBHOOK_ALLOW_HTTP + " (or approval.webhook.allow_http in the"
                        + " policy)");
        String secret = config.setting(ConfigReader.APPROVAL_WEBHOOK_SECRET)
                .orElseThrow(() ->
                        new ConfigException("the webhook approval channel signs its requests and needs a secret: set "
                                + "toolgate.approval.webhook.secret or "
                                + env(ConfigReader.APPROVAL_WEBHOOK_SECRET)));
        WebhookSigner signer;
        try {
            signer = WebhookSigner.forSecret(secret);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("toolgate.approval.webhook.secret is not usable: " + e.getMessage()
                    + "; give whsec_ followed by the base64 of a random key (24 bytes or more)");
        }
        String schemeName =
                config.setting(ConfigReader.APPROVAL_WEBHOOK_SIGNATURE).orElse("standard");
        SignatureScheme scheme = SignatureScheme.parse(schemeName);
        if (scheme == null) {
            throw new ConfigException("toolgate.approval.webhook.signature '" + schemeName
                    + "' is not a signature scheme: use standard (Standard Webhooks), legacy (X-Toolgate-Signature)"
                    + " or both");
        }
        return new WebhookChannel(url, signer, new HmacSigner(secret), scheme);
    }

    private static URI webhookUrl(AgentConfig config, ApprovalSettings settings) throws ConfigException {
        String url = config.setting(ConfigReader.APPROVAL_WEBHOOK_URL)
                .orElse(settings.webhook() == null ? null : settings.webhook().url());
        if (url == null || !url.matches("(?i)https?://.+")) {
            throw new ConfigException("the webhook approval channel needs the URL requests are posted to: set"
                    + " approval.webhook.url in the policy, toolgate.approval.webhook.url or "
                    + env(ConfigReader.APPROVAL_WEBHOOK_URL) + (url == null ? "" : " (got '" + url + "')"));
        }
        try {
            return new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("the approval webhook URL '" + url + "' is not a URL: " + e.getMessage());
        }
    }

    private static EndpointChannel endpoint(AgentConfig config, ApprovalSettings settings, GrantStore grants)
            throws ConfigException {
        int port;
        try {
            port = Integer.parseInt(config.setting(ConfigReader.APPROVAL_ENDPOINT_PORT)
                    .orElse(
                            settings.endpoint() == null || settings.endpoint().port() == null
                                    ? "0"
                                    : settings.endpoint().port().toString()));
        } catch (NumberFormatException e) {
            throw new ConfigException("toolgate.approval.endpoint.port is not a number");
        }
        String token = config.setting(ConfigReader.APPROVAL_ENDPOINT_TOKEN).orElse(null);
        Path tokenFile = Path.of(config.setting(ConfigReader.APPROVAL_ENDPOINT_TOKEN_FILE)
                .orElse(config.auditFile()
                        .toAbsolutePath()
                        .resolveSibling("toolgate-approval.token")
                        .toString()));
        try {
            if (token == null) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                token = HexFormat.of().formatHex(random);
                writePrivately(tokenFile, token);
            }
            EndpointChannel endpoint = new EndpointChannel(
                    port,
                    token,
                    grants,
                    config.setting(ConfigReader.APPROVAL_ENDPOINT_PENDING_MAX).isPresent()
                            ? ConfigValues.integer(
                                    ConfigReader.APPROVAL_ENDPOINT_PENDING_MAX,
                                    config.setting(ConfigReader.APPROVAL_ENDPOINT_PENDING_MAX)
                                            .get(),
                                    1,
                                    1_000_000)
                            : EndpointChannel.DEFAULT_MAX_PENDING,
                    config.setting(ConfigReader.APPROVAL_ENDPOINT_SESSION_TIMEOUT)
                                    .isPresent()
                            ? ConfigValues.duration(
                                    ConfigReader.APPROVAL_ENDPOINT_SESSION_TIMEOUT,
                                    config.setting(ConfigReader.APPROVAL_ENDPOINT_SESSION_TIMEOUT)
                                            .get())
                            : EndpointChannel.DEFAULT_SESSION_LIFETIME);
            System.err.println("[toolgate] approval endpoint: http://127.0.0.1:" + endpoint.port() + "/approvals,"
                    + " console: http://127.0.0.1:" + endpoint.port() + "/console/"
                    + (config.setting(ConfigReader.APPROVAL_ENDPOINT_TOKEN).isPresent()
                            ? ""
                            : " (bearer token in " + tokenFile.toAbsolutePath() + ")"));
            return endpoint;
        } catch (IOException e) {
            throw new ConfigException("the approval endpoint could not start on 127.0.0.1:" + port + " (" + e
                    + "); choose another toolgate.approval.endpoint.port, or 0 for any free port");
        }
    }

    private static void writePrivately(Path file, String token) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String env(String key) {
        return ConfigReader.environmentName(key);
    }
}
