package dev.toolgate.agent.instrument;

import dev.toolgate.agent.policy.RiskLevel;
import java.util.List;

/**
 * One instrumented tool method, described once when its class is transformed.
 *
 * @param id             the number the instrumented code passes to the bridge
 * @param name           the tool's name in policies and audit events
 * @param declaringClass the class that declares the method
 * @param method         the Java method name
 * @param parameterNames names for the arguments in audit events ({@code arg0}... when not compiled in)
 * @param declaredRisk   the risk the code declared, or null when it declared none
 * @param source         what marked the method as a tool
 * @param parameterTypes declared types of the parameters, for the derived JSON Schema
 * @param qualifiedName  a second name policies may use for the tool, or null: {@code mcp:SERVER/TOOL} for a tool of
 *                       an MCP server, so that a rule can be scoped to one server
 */
public record ToolDescriptor(
        int id,
        String name,
        String declaringClass,
        String method,
        List<String> parameterNames,
        RiskLevel declaredRisk,
        ToolSource source,
        List<ParameterType> parameterTypes,
        String qualifiedName) {

    public ToolDescriptor {
        parameterNames = List.copyOf(parameterNames);
        parameterTypes = parameterTypes == null ? List.of() : List.copyOf(parameterTypes);
    }

    public ToolDescriptor(
            int id,
            String name,
            String declaringClass,
            String method,
            List<String> parameterNames,
            RiskLevel declaredRisk,
            ToolSource source,
            List<ParameterType> parameterTypes) {
        this(id, name, declaringClass, method, parameterNames, declaredRisk, source, parameterTypes, null);
    }

    /**
     * This tool as one dispatched call names its arguments: a tool that is not a Java method (a programmatic
     * executor, a function callback, an MCP tool) gets its argument names from each call's JSON.
     */
    public ToolDescriptor withParameterNames(List<String> names) {
        return new ToolDescriptor(
                id, name, declaringClass, method, names, declaredRisk, source, parameterTypes, qualifiedName);
    }

    /** A tool whose parameter types are unknown. */
    public ToolDescriptor(
            int id,
            String name,
            String declaringClass,
            String method,
            List<String> parameterNames,
            RiskLevel declaredRisk,
            ToolSource source) {
        this(id, name, declaringClass, method, parameterNames, declaredRisk, source, List.of());
    }
}
