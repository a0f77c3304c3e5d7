package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The article's {@code data_access}: kept as read; enforced by argument validation. */
public record DataAccess(
        @JsonProperty("namespaces") List<String> namespaces,
        @JsonProperty("secrets") Boolean secrets,
        @JsonProperty("configmaps") Boolean configmaps) {

    public DataAccess {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }
}
