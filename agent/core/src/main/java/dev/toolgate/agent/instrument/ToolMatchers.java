package dev.toolgate.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.toolgate.agent.policy.Glob;
import dev.toolgate.agent.policy.InstrumentRule;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Which methods are tools. Everything is matched on names read from class files: no class is loaded or
 * reflected on to decide.
 */
final class ToolMatchers {

    private ToolMatchers() {}

    /**
     * Methods that carry a tool annotation, or override or implement one that does, directly or through
     * meta-annotations at any depth ({@link ToolAnnotations}).
     */
    static ElementMatcher.Junction<MethodDescription> toolAnnotated() {
        return new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(MethodDescription method) {
                try {
                    return ToolAnnotations.find(method.getDeclaringType().asErasure(), method) != null;
                } catch (RuntimeException unresolvable) {
                    return false;
                }
            }
        };
    }

    /** Methods a policy's {@code instrument:} rule selects. */
    static ElementMatcher.Junction<MethodDescription> selectedBy(List<InstrumentRule> rules) {
        ElementMatcher.Junction<MethodDescription> selected = none();
        for (InstrumentRule rule : rules) {
            selected = selected.or(new SelectedByRule(rule));
        }
        return selected;
    }

    /** Tool methods: marked by an annotation or a rule, and with a body of their own to guard. */
    static ElementMatcher.Junction<MethodDescription> toolMethods(List<InstrumentRule> rules) {
        return isMethod()
                .and(not(isAbstract()))
                .and(not(isNative()))
                .and(not(isBridge()))
                .and(not(isSynthetic()))
                .and(toolAnnotated().or(selectedBy(rules)));
    }

    /** Types worth transforming: those that declare a tool method. */
    static ElementMatcher.Junction<TypeDescription> toolTypes(ElementMatcher<MethodDescription> toolMethods) {
        return declaresMethod(toolMethods);
    }

    /** Finds the rule that selects {@code method}, or null. */
    static InstrumentRule ruleFor(List<InstrumentRule> rules, MethodDescription method) {
        for (InstrumentRule rule : rules) {
            if (new SelectedByRule(rule).matches(method)) {
                return rule;
            }
        }
        return null;
    }

    private static final class SelectedByRule extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
        private final Glob className;
        private final List<Glob> methodNames;

        SelectedByRule(InstrumentRule rule) {
            this.className = Glob.of(rule.className());
            this.methodNames = rule.methods().stream().map(Glob::of).toList();
        }

        @Override
        public boolean matches(MethodDescription method) {
            if (!className.matches(method.getDeclaringType().asErasure().getName())) {
                return false;
            }
            String name = method.getInternalName();
            for (Glob methodName : methodNames) {
                if (methodName.matches(name)) {
                    return true;
                }
            }
            return false;
        }
    }
}
