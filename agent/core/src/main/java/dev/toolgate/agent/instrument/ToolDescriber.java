package dev.toolgate.agent.instrument;

import dev.toolgate.agent.policy.InstrumentRule;
import dev.toolgate.agent.policy.RiskLevel;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationValue;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;

/** Turns a method being woven into a {@link ToolDescriptor}: its tool name, declared risk and parameters. */
final class ToolDescriber {

    private final ToolRegistry registry;
    private final List<InstrumentRule> rules;

    ToolDescriber(ToolRegistry registry, List<InstrumentRule> rules) {
        this.registry = registry;
        this.rules = rules;
    }

    int register(TypeDescription type, MethodDescription method) {
        String key = type.getName() + '#' + method.getInternalName() + method.getDescriptor();
        return registry.register(key, id -> describe(id, type, method));
    }

    private ToolDescriptor describe(int id, TypeDescription type, MethodDescription method) {
        List<String> parameterNames = new ArrayList<>();
        List<ParameterType> parameterTypes = new ArrayList<>();
        for (ParameterDescription parameter : method.getParameters()) {
            parameterNames.add(parameter.isNamed() ? parameter.getName() : "arg" + parameter.getIndex());
            parameterTypes.add(ParameterTypes.of(parameter));
        }
        ToolAnnotations.Found found = ToolAnnotations.find(type, method);
        if (found != null) {
            AnnotationDescription annotation = found.annotation();
            ToolSource source = ToolAnnotations.sourceOf(annotation);
            // The name and risk are the tool annotation's own where it is written directly (on this method or the
            // one it overrides); an annotation that only carries one names no tool, so the method's name is used.
            boolean direct = annotation.getAnnotationType().getName().equals(source.annotation());
            String name = direct ? stringValue(annotation, "name") : null;
            RiskLevel risk = direct && source == ToolSource.AGENT_TOOL ? riskValue(annotation) : null;
            return new ToolDescriptor(
                    id,
                    name == null || name.isBlank() ? method.getName() : name,
                    type.getName(),
                    method.getName(),
                    parameterNames,
                    risk,
                    source,
                    parameterTypes);
        }
        InstrumentRule rule = ToolMatchers.ruleFor(rules, method);
        String name = rule != null && rule.tool() != null && !rule.tool().isBlank() ? rule.tool() : method.getName();
        return new ToolDescriptor(
                id,
                name,
                type.getName(),
                method.getName(),
                parameterNames,
                rule == null ? null : rule.risk(),
                ToolSource.POLICY,
                parameterTypes);
    }

    private static String stringValue(AnnotationDescription annotation, String property) {
        try {
            Object value = annotation.getValue(property).resolve();
            return value instanceof String text ? text : null;
        } catch (RuntimeException noSuchProperty) {
            return null;
        }
    }

    private static RiskLevel riskValue(AnnotationDescription annotation) {
        try {
            AnnotationValue<?, ?> value = annotation.getValue("risk");
            Object resolved = value.resolve();
            return resolved instanceof EnumerationDescription enumeration
                    ? RiskLevel.parse(enumeration.getValue())
                    : null;
        } catch (RuntimeException noSuchProperty) {
            return null;
        }
    }
}
