package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which tools the model is shown ({@code visibility:}).
 *
 * @param hideDeniedTools leave the tools a role can never call out of the tool list sent to the model; null: the
 *                        default, on in enforce mode (monitor mode never changes what the model sees)
 */
public record VisibilityPolicy(
        @JsonProperty("hide_denied_tools") Boolean hideDeniedTools) {

    public static final VisibilityPolicy DEFAULTS = new VisibilityPolicy(null);

    /** Whether denied tools are hidden, given the mode's default. */
    public boolean hidesDeniedTools() {
        return hideDeniedTools == null || hideDeniedTools;
    }
}
