package dev.toolgate.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.implementation.bytecode.constant.LongConstant;

/**
 * Resolves {@link ToolKey}: the key the registry gave the woven method's tool id, written into the code as a
 * constant. Registering is idempotent, so this finds the id {@link ToolIdBinding} registered.
 */
final class ToolKeyBinding implements Advice.OffsetMapping.Factory<ToolKey> {

    private final ToolDescriber describer;
    private final ToolRegistry registry;

    ToolKeyBinding(ToolDescriber describer, ToolRegistry registry) {
        this.describer = describer;
        this.registry = registry;
    }

    @Override
    public Class<ToolKey> getAnnotationType() {
        return ToolKey.class;
    }

    @Override
    public Advice.OffsetMapping make(
            ParameterDescription.InDefinedShape target,
            AnnotationDescription.Loadable<ToolKey> annotation,
            AdviceType adviceType) {
        return (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) ->
                new Advice.OffsetMapping.Target.ForStackManipulation(
                        LongConstant.forValue(registry.key(describer.register(instrumentedType, instrumentedMethod))));
    }
}
