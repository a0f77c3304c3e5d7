package dev.toolgate.agent.instrument;

import java.util.List;

/**
 * A tool parameter's declared type, read from the class file when the method is woven: enough to derive its JSON
 * Schema.
 *
 * @param typeName      the erased type, e.g. {@code java.util.List} or {@code int} or {@code java.lang.String[]}
 * @param typeArguments erased type arguments, e.g. {@code [java.lang.Integer]} for {@code List<Integer>}
 * @param required      the value may not be null: a primitive, or marked required by {@code @P}, {@code @ToolParam}
 *                      or a {@code @NonNull}/{@code @NotNull} annotation
 * @param enumConstants the constants when the type is an enum, else empty
 */
public record ParameterType(String typeName, List<String> typeArguments, boolean required, List<String> enumConstants) {

    public static final ParameterType UNKNOWN = new ParameterType("java.lang.Object", List.of(), false, List.of());

    public ParameterType {
        typeArguments = List.copyOf(typeArguments);
        enumConstants = List.copyOf(enumConstants);
    }
}
