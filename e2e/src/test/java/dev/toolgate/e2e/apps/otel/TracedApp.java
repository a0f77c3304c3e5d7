package dev.toolgate.e2e.apps.otel;

import dev.toolgate.e2e.apps.reload.ReloadApp;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * An application with its own trace (the tools are {@link ReloadApp.Tools}: {@code ping}, {@code wipe}): inside a
 * span of its own ({@code handle-request}, made with the
 * application's OpenTelemetry API) it calls an allowed tool and a refused one. Prints
 * {@code TRACE <trace id> <span id>} and what became of each call. With the argument {@code once} it makes one
 * allowed call and exits (for start-up timing).
 */
public final class TracedApp {

    private TracedApp() {}

    public static void main(String[] args) {
        ReloadApp.Tools tools = new ReloadApp.Tools();
        if (args.length > 0 && args[0].equals("once")) {
            System.out.println("CALL ping " + tools.ping());
            return;
        }
        Span request = GlobalOpenTelemetry.getTracer("traced-app")
                .spanBuilder("handle-request")
                .startSpan();
        try (Scope ignored = request.makeCurrent()) {
            System.out.println("TRACE " + request.getSpanContext().getTraceId() + " "
                    + request.getSpanContext().getSpanId());
            System.out.println("CALL ping " + tools.ping());
            try {
                System.out.println("CALL wipe " + tools.wipe());
            } catch (RuntimeException refused) {
                System.out.println("CALL wipe refused: " + refused.getMessage());
            }
        } finally {
            request.end();
        }
    }
}
