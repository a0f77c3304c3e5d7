package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The policy's top-level {@code approval:} section. Secrets (the webhook's signing key, the endpoint's token) are
 * never read from the policy file: they come from the agent configuration.
 *
 * @param channel  deny, console, webhook, endpoint, or the name of a channel provided through the SPI
 * @param timeout  default time a person has to answer, e.g. {@code 60s}
 * @param defaults risk class name → action, for roles that do not say
 */
public record ApprovalSettings(
        @JsonProperty("channel") String channel,
        @JsonProperty("timeout") String timeout,
        @JsonProperty("defaults") Map<String, ApprovalAction> defaults,
        @JsonProperty("webhook") Webhook webhook,
        @JsonProperty("endpoint") Endpoint endpoint) {

    public ApprovalSettings {
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
    }

    /**
     * Where approval requests are POSTed.
     *
     * @param allowHttp true: plain http:// to a host other than loopback is accepted
     */
    public record Webhook(
            @JsonProperty("url") String url,
            @JsonProperty("allow_http") Boolean allowHttp) {}

    /** The agent's own loopback approval endpoint. */
    public record Endpoint(@JsonProperty("port") Integer port) {}
}
