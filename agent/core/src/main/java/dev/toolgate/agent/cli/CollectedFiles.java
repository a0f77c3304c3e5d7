package dev.toolgate.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.audit.chain.ChainVerifier;
import dev.toolgate.agent.audit.chain.CollectorLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code audit verify --collected}: the events a collector received, taken out of whatever it wrote around them
 * (rsyslog's prefix, a CloudEvents or OCSF envelope), in the order received. Copies sent again after a reconnection
 * are the same event and are checked once; lines without an event are counted and passed over.
 */
final class CollectedFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CollectedFiles() {}

    static ChainVerifier.Result verify(List<Path> files, Set<Long> wanted, List<String> notes) throws IOException {
        if (files.size() != 1) {
            throw CliFailure.usage("--collected checks one collector file at a time (given: " + files.size() + ")");
        }
        Path file = files.get(0);
        List<ChainVerifier.CollectedEvent> events = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long copies = 0;
        long other = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line; (line = in.readLine()) != null; ) {
                number++;
                JsonNode event = line.isBlank() ? null : CollectorLines.event(line);
                if (event == null) {
                    other += line.isBlank() ? 0 : 1;
                    continue;
                }
                if (!seen.add(
                        event.path("seq").asText() + " " + event.path("hash").asText())) {
                    copies++;
                    continue;
                }
                events.add(new ChainVerifier.CollectedEvent(number, bytes(event)));
            }
        }
        if (events.isEmpty()) {
            throw CliFailure.usage(file + " holds no Toolgate audit event (" + other + " other lines); give the file"
                    + " the collector wrote the shipped events to");
        }
        notes.add(file + ": " + events.size() + " events as the collector received them"
                + (copies > 0 ? ", " + copies + " copies sent again after a reconnection checked once" : "")
                + (other > 0 ? ", " + other + " lines without an event passed over" : ""));
        return ChainVerifier.verifyCollected(file, events, wanted);
    }

    private static byte[] bytes(JsonNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException cannotHappen) {
            throw new UncheckedIOException(cannotHappen);
        }
    }
}
