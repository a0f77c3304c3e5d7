package dev.toolgate.agent.instrument;

import java.util.function.Consumer;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/**
 * How the agent weaves, for tool methods, dispatch points and framework hooks alike: retransformation without
 * class format changes (the advice is inlined), types matched by name from class files, every failure reported,
 * and the agent's own classes, the JDK's and those of the boot class path left alone.
 */
public final class AgentBuilders {

    private AgentBuilders() {}

    /** @param onError told of every class that could not be transformed */
    public static AgentBuilder.Ignored weaving(AgentBuilder.PoolStrategy pool, Consumer<String> onError) {
        return retransforming(onError)
                .with(pool)
                .ignore((type, loader, module, classBeingRedefined, domain) -> loader == null
                        || NeverInstrumented.matches(type)
                        || NeverInstrumented.isOtherAgentsLoader(loader));
    }

    /**
     * The same set-up for the JDK's own classes (the sandbox's sinks), which the application weavings leave alone;
     * the agent's and its libraries' classes are still never woven.
     */
    public static AgentBuilder jdk(Consumer<String> onError) {
        return retransforming(onError).ignore(net.bytebuddy.matcher.ElementMatchers.nameStartsWith("dev.toolgate."));
    }

    private static AgentBuilder retransforming(Consumer<String> onError) {
        return new AgentBuilder.Default(byteBuddy())
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new ErrorListener(onError))
                .with(
                        Boolean.getBoolean("toolgate.debug.instrumentation")
                                ? AgentBuilder.Listener.StreamWriting.toSystemError()
                                        .withTransformationsOnly()
                                : AgentBuilder.Listener.NoOp.INSTANCE);
    }

    /**
     * Byte Buddy set up for advice on declared methods and nothing else. Its full method graph and the validation
     * of the instrumented type resolve every supertype: a class whose interface's class file cannot be read (a
     * loader that serves no resources) would fail to transform and load unwoven, its own tools ungated, and every
     * other class would pay for reading its supertypes.
     */
    static ByteBuddy byteBuddy() {
        return new ByteBuddy().with(TypeValidation.DISABLED).with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
    }

    private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
        private final Consumer<String> onError;

        ErrorListener(Consumer<String> onError) {
            this.onError = onError;
        }

        @Override
        public void onError(
                String typeName,
                ClassLoader classLoader,
                net.bytebuddy.utility.JavaModule module,
                boolean loaded,
                Throwable throwable) {
            onError.accept("could not instrument " + typeName + ": " + throwable);
        }
    }
}
