package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Selects tool methods by name, for code nobody can annotate. {@code class} and {@code methods} are glob
 * patterns ({@code *} any run of characters, {@code ?} one); the tool is named {@code tool} when set, else after
 * the method.
 */
public record InstrumentRule(
        @JsonProperty(value = "class", required = true) String className,
        @JsonProperty(value = "methods", required = true) List<String> methods,
        @JsonProperty("tool") String tool,
        @JsonProperty("risk") RiskLevel risk) {

    public InstrumentRule {
        methods = methods == null ? List.of() : List.copyOf(methods);
    }
}
