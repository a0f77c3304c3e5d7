package dev.toolgate.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/** Reads a {@link ParameterType} from a parameter's class-file description, never loading a class. */
final class ParameterTypes {

    private static final String LANGCHAIN4J_P = "dev.langchain4j.agent.tool.P";
    private static final String SPRING_AI_TOOL_PARAM = "org.springframework.ai.tool.annotation.ToolParam";

    private ParameterTypes() {}

    static ParameterType of(ParameterDescription parameter) {
        try {
            TypeDescription.Generic type = parameter.getType();
            TypeDescription erasure = type.asErasure();
            List<String> arguments = new ArrayList<>();
            if (type.getSort() == TypeDefinition.Sort.PARAMETERIZED) {
                for (TypeDescription.Generic argument : type.getTypeArguments()) {
                    arguments.add(
                            argument.getSort() == TypeDefinition.Sort.WILDCARD
                                    ? wildcardBound(argument)
                                    : argument.asErasure().getName());
                }
            }
            return new ParameterType(
                    erasure.getName(), arguments, erasure.isPrimitive() || required(parameter), enumConstants(erasure));
        } catch (RuntimeException unresolvable) {
            // a type whose class file cannot be read: its schema is left open
            return ParameterType.UNKNOWN;
        }
    }

    private static String wildcardBound(TypeDescription.Generic wildcard) {
        return wildcard.getUpperBounds().isEmpty()
                ? "java.lang.Object"
                : wildcard.getUpperBounds().get(0).asErasure().getName();
    }

    private static boolean required(ParameterDescription parameter) {
        for (AnnotationDescription annotation : parameter.getDeclaredAnnotations()) {
            String name = annotation.getAnnotationType().getName();
            String simple = annotation.getAnnotationType().getSimpleName();
            if (name.equals(LANGCHAIN4J_P) || name.equals(SPRING_AI_TOOL_PARAM)) {
                try {
                    Object value = annotation.getValue("required").resolve();
                    return !(value instanceof Boolean bool) || bool;
                } catch (RuntimeException noSuchProperty) {
                    return true;
                }
            }
            if (simple.equals("NonNull") || simple.equals("NotNull") || simple.equals("Nonnull")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> enumConstants(TypeDescription erasure) {
        if (!erasure.isEnum()) {
            return List.of();
        }
        List<String> constants = new ArrayList<>();
        for (FieldDescription.InDefinedShape field : erasure.getDeclaredFields()) {
            if (field.isEnum()) {
                constants.add(field.getName());
            }
        }
        return constants;
    }
}
