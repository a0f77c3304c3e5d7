package dev.toolgate.agent.instrument;

import java.util.function.Consumer;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * How the agent weaves, for tool methods, dispatch points and framework hooks alike: retransformation without
 * class format changes (the advice is inlined), types matched by name from class files, every failure reported,
 * and the agent's own classes, the JDK's and those of the boot class path left alone.
 */
public final class AgentBuilders {

    private AgentBuilders() {}

    /** @param onError told of every class that could not be transformed */
    public static AgentBuilder.Ignored weaving(AgentBuilder.PoolStrategy pool, Consumer<String> onError) {
        return new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(pool)
                .with(new ErrorListener(onError))
                .with(
                        Boolean.getBoolean("toolgate.debug.instrumentation")
                                ? AgentBuilder.Listener.StreamWriting.toSystemError()
                                        .withTransformationsOnly()
                                : AgentBuilder.Listener.NoOp.INSTANCE)
                .ignore((type, loader, module, classBeingRedefined, domain) ->
                        loader == null || NeverInstrumented.matches(type));
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
