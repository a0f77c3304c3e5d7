package dev.toolgate.agent.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/** A real OTLP/HTTP receiver on loopback: decodes the protobuf requests and keeps what they carried. */
final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    private final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        this(0);
    }

    OtlpReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/v1/logs", exchange -> {
            ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body(exchange));
            request.getResourceLogsList()
                    .forEach(resource ->
                            resource.getScopeLogsList().forEach(scope -> logs.addAll(scope.getLogRecordsList())));
            reply(exchange, ExportLogsServiceResponse.getDefaultInstance().toByteArray());
        });
        server.createContext("/v1/metrics", exchange -> {
            metrics.add(ExportMetricsServiceRequest.parseFrom(body(exchange)));
            reply(exchange, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<LogRecord> logs() {
        return List.copyOf(logs);
    }

    /** Every metric of every request so far, latest last. */
    List<Metric> metrics() {
        List<Metric> all = new ArrayList<>();
        for (ExportMetricsServiceRequest request : metrics) {
            request.getResourceMetricsList()
                    .forEach(resource ->
                            resource.getScopeMetricsList().forEach(scope -> all.addAll(scope.getMetricsList())));
        }
        return all;
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        return in.readAllBytes();
    }

    private static void reply(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
