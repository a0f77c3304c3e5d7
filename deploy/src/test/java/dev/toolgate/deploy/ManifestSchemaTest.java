package dev.toolgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The manifests are Kubernetes objects the API server would take as written. */
class ManifestSchemaTest {

    static Stream<DeployKit.Manifest> manifests() {
        return DeployKit.manifests().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void everyManifestMatchesTheKubernetesApi(DeployKit.Manifest manifest) {
        assertEquals(List.of(), KubernetesSchema.problems(manifest.object()), manifest.toString());
    }

    @Test
    void everyYamlFileIsPartOfTheKustomization() throws IOException {
        Set<String> listed = new TreeSet<>();
        DeployKit.kustomization().path("resources").forEach(r -> listed.add(r.asText()));
        DeployKit.kustomization()
                .path("configMapGenerator")
                .forEach(g -> g.path("files").forEach(f -> listed.add(f.asText().replaceFirst("^[^=]+=", ""))));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.walk(DeployKit.kubernetesDir())) {
            files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .map(f -> DeployKit.kubernetesDir().relativize(f).toString())
                    .filter(f -> !f.equals("kustomization.yaml"))
                    .forEach(present::add);
        }
        assertEquals(present, listed, "files in deploy/kubernetes and the kustomization's resources and generators");
    }

    @Test
    void theControlManifestPasses() {
        assertEquals(List.of(), KubernetesSchema.problems(testManifest("valid/deployment.yaml")));
    }

    static Stream<Arguments> brokenManifests() {
        return Stream.of(
                Arguments.of("unknown-field.yaml", "readOnlyRootFileSystem"),
                Arguments.of("wrong-number.yaml", "two"),
                Arguments.of("quoted-boolean.yaml", "allowPrivilegeEscalation: expected true or false"),
                Arguments.of("scalar-for-list.yaml", "drop"),
                Arguments.of("missing-name.yaml", "required field `name`"),
                Arguments.of("unknown-kind.yaml", "Deploymnet"),
                Arguments.of("boolean-label.yaml", "labels.canary: expected a string, got the boolean true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenManifests")
    void aBrokenManifestIsRefusedNamingTheMistake(String file, String named) {
        List<String> problems = KubernetesSchema.problems(testManifest("broken/" + file));
        assertFalse(problems.isEmpty(), file + " passed");
        assertTrue(problems.stream().anyMatch(p -> p.contains(named)), file + ": " + problems);
    }

    @Test
    void aDuplicateKeyIsRefused() {
        UncheckedIOException e = assertThrows(
                UncheckedIOException.class, () -> DeployKit.readAll(testResource("broken/duplicate-key.yaml")));
        assertTrue(e.getMessage().contains("Duplicate field 'replicas'"), e.getMessage());
    }

    /** Where kubectl is installed, its own kustomize build must give the objects the tests above checked. */
    @Test
    void kustomizeBuildsTheSameObjects() throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed");
        Process process = new ProcessBuilder(
                        "kubectl", "kustomize", DeployKit.kubernetesDir().toString())
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        Path rendered = Files.createTempFile("toolgate-kustomize", ".yaml");
        try {
            Files.writeString(rendered, text);
            List<String> built = new ArrayList<>();
            for (JsonNode object : DeployKit.readAll(rendered)) {
                assertEquals(List.of(), KubernetesSchema.problems(object), object.toString());
                built.add(describe(object));
            }
            List<String> expected = new ArrayList<>();
            DeployKit.manifests().forEach(m -> expected.add(describe(m.object())));
            assertEquals(new TreeSet<>(expected), new TreeSet<>(built));
            JsonNode configMap = DeployKit.readAll(rendered).stream()
                    .filter(o -> o.path("kind").asText().equals("ConfigMap"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    DeployKit.only("ConfigMap").object().path("data"),
                    configMap.path("data"),
                    "the policy kustomize puts into the ConfigMap");
        } finally {
            Files.deleteIfExists(rendered);
        }
    }

    private static String describe(JsonNode object) {
        return object.path("kind").asText() + " "
                + object.path("metadata").path("namespace").asText("-") + "/"
                + object.path("metadata").path("name").asText();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null
                && Stream.of(path.split(java.io.File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static JsonNode testManifest(String name) {
        return DeployKit.readAll(testResource(name)).get(0);
    }

    private static Path testResource(String name) {
        return Repo.root().resolve("deploy/src/test/resources").resolve(name);
    }
}
