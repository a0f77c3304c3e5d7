package dev.toolgate.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a tool an AI agent may call. With the Toolgate agent attached, every call of the method
 * passes the gate: permission, risk, validation, budgets, approval, audit. Without the agent it is inert.
 *
 * <p>The annotation may also be used on another annotation, which then marks tools in the same way.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface AgentTool {

    /** The tool's name in policies and audit events; the Java method name when empty. */
    String name() default "";

    /**
     * The tool's risk class. A policy's {@code tools:} entry overrides it. The default is the highest class,
     * so a tool nobody classified needs the strictest treatment.
     */
    Risk risk() default Risk.EXTERNAL;
}
