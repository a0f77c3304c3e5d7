package dev.toolgate.sample.planner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** One tool call as a model would emit it: the tool's name and named string arguments. */
public record Step(String tool, Map<String, String> arguments) {

    public Step {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** {@code Step.of("kubectl_get", "namespace", "monitoring", "resource", "pods")}. */
    public static Step of(String tool, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("arguments of " + tool + " must come as name, value pairs");
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            arguments.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Step(tool, arguments);
    }

    /** The argument's value; a model that left one out gets told so, as with any malformed tool call. */
    public String argument(String name) {
        String value = arguments.get(name);
        if (value == null) {
            throw new IllegalArgumentException("tool " + tool + " needs argument '" + name + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return arguments.entrySet().stream()
                .map(argument -> argument.getKey() + "=" + argument.getValue())
                .collect(Collectors.joining(" ", tool + " ", ""));
    }
}
