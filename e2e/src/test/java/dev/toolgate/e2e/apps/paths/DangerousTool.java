package dev.toolgate.e2e.apps.paths;

import dev.toolgate.api.AgentTool;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A team's own annotation, marked as a tool annotation by meta-annotation. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@AgentTool
public @interface DangerousTool {}
