package dev.toolgate.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/** Resolves {@link ToolId}: registers the method being woven and puts its id in the code as a constant. */
final class ToolIdBinding implements Advice.OffsetMapping.Factory<ToolId> {

    private final ToolDescriber describer;

    ToolIdBinding(ToolDescriber describer) {
        this.describer = describer;
    }

    @Override
    public Class<ToolId> getAnnotationType() {
        return ToolId.class;
    }

    @Override
    public Advice.OffsetMapping make(
            ParameterDescription.InDefinedShape target,
            AnnotationDescription.Loadable<ToolId> annotation,
            AdviceType adviceType) {
        return (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) ->
                new Advice.OffsetMapping.Target.ForStackManipulation(
                        IntegerConstant.forValue(describer.register(instrumentedType, instrumentedMethod)));
    }
}
