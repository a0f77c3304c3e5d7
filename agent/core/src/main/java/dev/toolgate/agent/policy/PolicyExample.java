package dev.toolgate.agent.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a policy's {@code examples:}: a call and what the policy must decide about it. The loader checks
 * the keys; what the policy decides is worked out by the check that runs the examples when the policy loads.
 *
 * @param name    optional words naming the example in errors
 * @param args    the call's arguments by name, or empty
 * @param session the session whose budgets the call counts against, or null for one of its own
 * @param expect  {@code allow}, {@code deny} or {@code approval}
 * @param reason  a text the decision's reason must contain, or null
 * @param rule    the policy key that must decide, exactly, or null
 */
public record PolicyExample(
        @JsonProperty("name") String name,
        @JsonProperty("role") String role,
        @JsonProperty("tool") String tool,
        @JsonProperty("args") Map<String, Object> args,
        @JsonProperty("session") String session,
        @JsonProperty("expect") String expect,
        @JsonProperty("reason") String reason,
        @JsonProperty("rule") String rule) {

    public PolicyExample {
        // Argument values may be null, which Map.copyOf refuses.
        args = args == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }
}
