package dev.toolgate.deploy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The deploy kit as kustomize would assemble it: the listed resources and the generated policy ConfigMap. */
final class DeployKit {

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** One object of the kit, with the file it came from. */
    record Manifest(Path file, JsonNode object) {
        String kind() {
            return object.path("kind").asText();
        }

        String name() {
            return object.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + Repo.root().relativize(file) + ")";
        }
    }

    private DeployKit() {}

    static Path kubernetesDir() {
        return Repo.root().resolve("deploy/kubernetes");
    }

    static JsonNode kustomization() {
        return readAll(kubernetesDir().resolve("kustomization.yaml")).get(0);
    }

    /** Every object of the kit: the kustomization's resources, then the ConfigMaps its generator makes. */
    static List<Manifest> manifests() {
        List<Manifest> manifests = new ArrayList<>();
        String namespace = kustomization().path("namespace").asText(null);
        for (JsonNode resource : kustomization().path("resources")) {
            Path file = kubernetesDir().resolve(resource.asText());
            for (JsonNode object : readAll(file)) {
                manifests.add(new Manifest(file, object));
            }
        }
        for (JsonNode generator : kustomization().path("configMapGenerator")) {
            manifests.add(new Manifest(kubernetesDir().resolve("kustomization.yaml"), configMap(generator, namespace)));
        }
        return manifests;
    }

    static Manifest only(String kind) {
        List<Manifest> found =
                manifests().stream().filter(m -> m.kind().equals(kind)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " in the kit, found " + found);
        }
        return found.get(0);
    }

    static Optional<Manifest> find(String kind, String name) {
        return manifests().stream()
                .filter(m -> m.kind().equals(kind) && m.name().equals(name))
                .findFirst();
    }

    /** The ConfigMap a {@code configMapGenerator} entry with {@code files:} makes (the key is the file's name). */
    static ObjectNode configMap(JsonNode generator, String namespace) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode configMap = nodes.objectNode();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        ObjectNode metadata = configMap.putObject("metadata");
        metadata.put("name", generator.path("name").asText());
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        ObjectNode data = configMap.putObject("data");
        for (JsonNode entry : generator.path("files")) {
            String text = entry.asText();
            int equals = text.indexOf('=');
            String key = equals > 0
                    ? text.substring(0, equals)
                    : Path.of(text).getFileName().toString();
            Path file = kubernetesDir().resolve(equals > 0 ? text.substring(equals + 1) : text);
            try {
                data.put(key, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("configMapGenerator file " + text + " cannot be read", e);
            }
        }
        return configMap;
    }

    static List<JsonNode> readAll(Path file) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not readable YAML: " + e.getMessage(), e);
        }
        return objects;
    }
}
