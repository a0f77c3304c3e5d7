package dev.toolgate.e2e;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An OTLP/HTTP collector on loopback for forked JVMs: keeps each request body by signal and decodes the protobuf
 * when asked. Answers 200 with an empty body, which OTLP exporters take as success.
 */
public final class OtlpCollector implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<byte[]>> bodies = new ConcurrentHashMap<>();

    public OtlpCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (String signal : List.of("traces", "logs", "metrics")) {
            bodies.put(signal, new CopyOnWriteArrayList<>());
            server.createContext("/v1/" + signal, exchange -> {
                bodies.get(signal).add(exchange.getRequestBody().readAllBytes());
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
        }
        server.start();
    }

    /** The base URL, as {@code otlp.endpoint} and {@code otel.exporter.otlp.endpoint} take it. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Span> spans() {
        return decode("traces", ExportTraceServiceRequest::parseFrom)
                .flatMap(request -> request.getResourceSpansList().stream())
                .flatMap(resource -> resource.getScopeSpansList().stream())
                .flatMap(scope -> scope.getSpansList().stream())
                .toList();
    }

    public List<LogRecord> logs() {
        return decode("logs", ExportLogsServiceRequest::parseFrom)
                .flatMap(request -> request.getResourceLogsList().stream())
                .flatMap(resource -> resource.getScopeLogsList().stream())
                .flatMap(scope -> scope.getLogRecordsList().stream())
                .toList();
    }

    public List<Metric> metrics() {
        return decode("metrics", ExportMetricsServiceRequest::parseFrom)
                .flatMap(request -> request.getResourceMetricsList().stream())
                .flatMap(resource -> resource.getScopeMetricsList().stream())
                .flatMap(scope -> scope.getMetricsList().stream())
                .toList();
    }

    private interface Parser<T> {
        T parse(byte[] body) throws IOException;
    }

    private <T> Stream<T> decode(String signal, Parser<T> parser) {
        Function<byte[], T> parse = body -> {
            try {
                return parser.parse(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not an OTLP " + signal + " request", e);
            }
        };
        return bodies.get(signal).stream().map(parse);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
