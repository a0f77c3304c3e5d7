package dev.toolgate.e2e;

import dev.toolgate.e2e.apps.mcp.McpScenario;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The tool bodies an MCP server ran, from its ran file: one {@code RAN <tool> <arguments>} line each. */
record RanTools(List<String> lines) {

    static RanTools read(Path file, long from) throws IOException {
        if (!Files.exists(file)) {
            return new RanTools(List.of());
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(from);
            byte[] rest = new byte[(int) (in.length() - from)];
            in.readFully(rest);
            return new RanTools(new String(rest, StandardCharsets.UTF_8).lines().toList());
        }
    }

    boolean ran(String tool) {
        return lines.stream().anyMatch(line -> line.startsWith(McpScenario.RAN + tool + " "));
    }

    @Override
    public String toString() {
        return "ran: " + lines;
    }
}
