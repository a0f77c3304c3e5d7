package dev.toolgate.agent.telemetry.spans;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry Java agent's API, reached where the agent puts it: on the bootstrap class path, under its own
 * relocated names. Calls go through method handles, so the agent jar needs no copy of that API and the
 * application's own OpenTelemetry classes are never touched; the OpenTelemetry agent bridges those to this one,
 * which is why a span started here joins the application's current trace.
 */
final class OtelAgentApi {

    /** Built at run time: the agent jar's relocation must not rewrite it into its own prefix. */
    static final String PREFIX = String.join(".", "io", "opentelemetry", "javaagent", "shaded", "io", "opentelemetry");

    static final String GLOBAL = PREFIX + ".api.GlobalOpenTelemetry";

    private final MethodHandle getTracer;
    private final MethodHandle spanBuilder;
    private final MethodHandle setString;
    private final MethodHandle setKind;
    private final MethodHandle setStart;
    private final MethodHandle startSpan;
    private final MethodHandle end;
    private final Object internalKind;

    private OtelAgentApi(Class<?> global, Class<?> tracer, Class<?> builder, Class<?> span, Class<?> kind)
            throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        getTracer = lookup.findStatic(global, "getTracer", MethodType.methodType(tracer, String.class, String.class));
        spanBuilder = lookup.findVirtual(tracer, "spanBuilder", MethodType.methodType(builder, String.class));
        setString =
                lookup.findVirtual(builder, "setAttribute", MethodType.methodType(builder, String.class, String.class));
        setKind = lookup.findVirtual(builder, "setSpanKind", MethodType.methodType(builder, kind));
        setStart = lookup.findVirtual(
                builder, "setStartTimestamp", MethodType.methodType(builder, long.class, TimeUnit.class));
        startSpan = lookup.findVirtual(builder, "startSpan", MethodType.methodType(span));
        end = lookup.findVirtual(span, "end", MethodType.methodType(void.class, long.class, TimeUnit.class));
        internalKind = kind.getField("INTERNAL").get(null);
    }

    /** The agent's API, or null when no OpenTelemetry Java agent has put it on the bootstrap class path. */
    static OtelAgentApi find() {
        try {
            return new OtelAgentApi(
                    bootstrap(".api.GlobalOpenTelemetry"),
                    bootstrap(".api.trace.Tracer"),
                    bootstrap(".api.trace.SpanBuilder"),
                    bootstrap(".api.trace.Span"),
                    bootstrap(".api.trace.SpanKind"));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException absent) {
            return null;
        }
    }

    /** Whether the OpenTelemetry agent's API is on the bootstrap class path already. */
    static boolean present() {
        try {
            bootstrap(".api.GlobalOpenTelemetry");
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    private static Class<?> bootstrap(String name) throws ClassNotFoundException {
        return Class.forName(PREFIX + name, false, null);
    }

    Object tracer(String scope, String version) throws Throwable {
        return getTracer.invoke(scope, version);
    }

    Object spanBuilder(Object tracer, String name) throws Throwable {
        return spanBuilder.invoke(tracer, name);
    }

    void attribute(Object builder, String key, String value) throws Throwable {
        if (value != null) {
            setString.invoke(builder, key, value);
        }
    }

    void internal(Object builder) throws Throwable {
        setKind.invoke(builder, internalKind);
    }

    void start(Object builder, long epochNanos) throws Throwable {
        setStart.invoke(builder, epochNanos, TimeUnit.NANOSECONDS);
    }

    Object startSpan(Object builder) throws Throwable {
        return startSpan.invoke(builder);
    }

    void end(Object span, long epochNanos) throws Throwable {
        end.invoke(span, epochNanos, TimeUnit.NANOSECONDS);
    }
}
