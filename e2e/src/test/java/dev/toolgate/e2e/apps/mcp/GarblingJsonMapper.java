package dev.toolgate.e2e.apps.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The server's JSON mapper, except that a tool result carrying {@link #MARKER} goes out as a JSON-RPC response
 * whose {@code result} is not a tool result at all: what a broken or hostile server sends. Both transports of the
 * SDK write every message through the mapper, so stdio and streamable HTTP send the same garbage.
 */
final class GarblingJsonMapper implements McpJsonMapper {

    static final String MARKER = "\u0000garble-this-result";

    private final McpJsonMapper delegate;

    GarblingJsonMapper(McpJsonMapper delegate) {
        this.delegate = delegate;
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        if (value instanceof McpSchema.JSONRPCResponse response && carriesMarker(response.result())) {
            return "{\"jsonrpc\":\"2.0\",\"id\":" + delegate.writeValueAsString(response.id())
                    + ",\"result\":{\"content\":[{\"type\":\"\\u0007garbage\",\"text\":7}],\"isError\":\"perhaps\"}}";
        }
        return delegate.writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean carriesMarker(Object result) {
        return result instanceof McpSchema.CallToolResult toolResult && toolResult.content() != null
                && toolResult.content().stream().anyMatch(content -> content instanceof McpSchema.TextContent text
                        && MARKER.equals(text.text()));
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T convertValue(Object value, Class<T> type) {
        return delegate.convertValue(value, type);
    }

    @Override
    public <T> T convertValue(Object value, TypeRef<T> type) {
        return delegate.convertValue(value, type);
    }
}
