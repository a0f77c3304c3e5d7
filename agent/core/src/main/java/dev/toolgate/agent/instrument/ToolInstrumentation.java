package dev.toolgate.agent.instrument;

import dev.toolgate.agent.policy.InstrumentRule;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.function.Consumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Weaves {@link ToolAdvice} into tool methods as their classes load, and, when the agent is attached to a
 * running JVM, into tool classes already loaded.
 */
public final class ToolInstrumentation {

    private ToolInstrumentation() {}

    /**
     * Installs the transformation.
     *
     * @param rules   the policy's {@code instrument:} rules (may be empty)
     * @param onError told of every class that could not be transformed
     */
    public static void install(
            Instrumentation instrumentation,
            ToolRegistry registry,
            List<InstrumentRule> rules,
            Consumer<String> onError) {
        // Advice is inlined and nothing is injected, so Byte Buddy's Nexus is not needed; left enabled, it reaches
        // for sun.misc.Unsafe, which Java 24 and later warn about on every start. The property name is relocated
        // along with Byte Buddy, so this concerns the agent's copy only.
        System.setProperty(Nexus.PROPERTY, "true");
        ElementMatcher.Junction<MethodDescription> toolMethods = ToolMatchers.toolMethods(rules);
        ToolDescriber describer = new ToolDescriber(registry, rules);
        Advice advice = Advice.withCustomMapping()
                .bind(new ToolIdBinding(describer))
                .bind(new ToolKeyBinding(describer, registry))
                .to(ToolAdvice.class, ClassFileLocator.ForClassLoader.of(ToolAdvice.class.getClassLoader()));
        AgentBuilders.weaving(new ToolAnnotationTypes(AgentBuilder.PoolStrategy.Default.FAST), onError)
                .type(ToolMatchers.toolTypes(toolMethods))
                .transform((builder, type, loader, module, domain) -> builder.visit(advice.on(toolMethods)))
                .installOn(instrumentation);
    }
}
