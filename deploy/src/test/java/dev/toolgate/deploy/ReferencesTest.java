package dev.toolgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everything the manifests and Dockerfiles refer to exists, and the pieces agree with each other. */
class ReferencesTest {

    private static final Set<String> DOCKERFILE_INSTRUCTIONS = Set.of(
            "FROM",
            "RUN",
            "CMD",
            "LABEL",
            "EXPOSE",
            "ENV",
            "ADD",
            "COPY",
            "ENTRYPOINT",
            "VOLUME",
            "USER",
            "WORKDIR",
            "ARG",
            "ONBUILD",
            "STOPSIGNAL",
            "HEALTHCHECK",
            "SHELL");

    @Test
    void thePolicyInTheConfigMapIsAShippedPolicy() throws IOException {
        for (JsonNode generator : DeployKit.kustomization().path("configMapGenerator")) {
            for (JsonNode file : generator.path("files")) {
                String path = file.asText().replaceFirst("^[^=]+=", "");
                Path copy = DeployKit.kubernetesDir().resolve(path);
                assertTrue(Files.isRegularFile(copy), "configMapGenerator file " + path);
                Path shipped = Repo.root().resolve("policies").resolve(copy.getFileName());
                assertTrue(Files.isRegularFile(shipped), "policies/" + copy.getFileName() + " exists");
                assertEquals(
                        Files.readString(shipped, StandardCharsets.UTF_8),
                        Files.readString(copy, StandardCharsets.UTF_8),
                        "deploy/kubernetes/" + path + " is a copy of policies/" + copy.getFileName()
                                + " (kustomize reads no file outside its directory): copy it again");
            }
        }
    }

    @Test
    void theAgentReadsThePolicyFromTheConfigMapMountedAsADirectory() {
        String policy = Wiring.agentArguments().get("policy");
        assertTrue(policy != null && policy.startsWith("/"), "policy= names an absolute path: " + policy);
        JsonNode mount = Wiring.mountHolding(Wiring.appContainer(), policy);
        assertFalse(
                mount.has("subPath") || mount.has("subPathExpr"),
                "a subPath mount never sees ConfigMap updates: " + mount);
        assertEquals(
                policy,
                mount.path("mountPath").asText() + "/" + Wiring.fileName(policy),
                "the policy lies directly in the mounted directory, where the kubelet swaps ..data");
        JsonNode volume = Wiring.volume(mount.path("name").asText());
        String configMapName = volume.path("configMap").path("name").asText();
        JsonNode configMap = DeployKit.find("ConfigMap", configMapName)
                .orElseThrow(() -> new AssertionError("no ConfigMap " + configMapName + " in the kit"))
                .object();
        assertTrue(
                configMap.path("data").has(Wiring.fileName(policy)),
                "ConfigMap " + configMapName + " has the key " + Wiring.fileName(policy));
        assertTrue(volume.path("configMap").path("items").isMissingNode(), "all keys are mounted");
        assertTrue(
                DeployKit.kustomization()
                        .path("generatorOptions")
                        .path("disableNameSuffixHash")
                        .asBoolean(false),
                "a hash suffix would replace the ConfigMap (and the pod) on every policy change");
    }

    @Test
    void theInitContainerCopiesTheAgentJarWhereJavaToolOptionsLooksForIt() throws IOException {
        String jar = Wiring.agentJar();
        JsonNode appMount = Wiring.mountHolding(Wiring.appContainer(), jar);
        assertTrue(appMount.path("readOnly").asBoolean(false), "the application cannot change the agent jar");
        String volumeName = appMount.path("name").asText();
        assertTrue(Wiring.volume(volumeName).has("emptyDir"), volumeName + " is an emptyDir");
        String relative = jar.substring(appMount.path("mountPath").asText().length());

        JsonNode init = null;
        for (JsonNode candidate : Wiring.podSpec().path("initContainers")) {
            for (JsonNode mount : candidate.path("volumeMounts")) {
                if (mount.path("name").asText().equals(volumeName)) {
                    init = candidate;
                }
            }
        }
        assertTrue(init != null, "an init container mounts " + volumeName);
        String target = Wiring.mountHolding(init, init.path("command").path(2).asText())
                        .path("mountPath")
                        .asText()
                + relative;
        List<String> command = SandboxSettingsTest.texts(init.path("command"));
        assertEquals(List.of("cp", agentImageJar(), target), command, "the init container's command");

        Dockerfile agent = Dockerfile.read("deploy/docker/agent/Dockerfile");
        assertEquals(command, agent.execForm("CMD"), "the agent image's CMD is the init container's command");
        assertEquals(
                "toolgate-agent.jar",
                Wiring.fileName(jar),
                "the jar keeps the name the build gives it (agent/core/target/toolgate-agent.jar)");
    }

    @Test
    void theApplicationContainerRunsTheJarTheAppImageHolds() throws IOException {
        Dockerfile app = Dockerfile.read("deploy/docker/app/Dockerfile");
        String jar = app.copies().get(0)[1];
        String script =
                String.join(" ", SandboxSettingsTest.texts(Wiring.appContainer().path("args")));
        assertTrue(script.contains("java -jar " + jar), "the container runs java -jar " + jar + ": " + script);
        assertEquals(List.of("java", "-jar", jar), app.execForm("ENTRYPOINT"), "the image's own entry point");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/docker/app/Dockerfile", "deploy/docker/agent/Dockerfile"})
    void aDockerfileIsWellFormedAndCopiesOnlyWhatTheBuildMakes(String path) throws IOException {
        Dockerfile dockerfile = Dockerfile.read(path);
        assertFalse(dockerfile.instructions().isEmpty(), path + " is empty");
        assertEquals("FROM", dockerfile.instructions().get(0)[0], path + ": the first instruction");
        for (String[] instruction : dockerfile.instructions()) {
            assertTrue(
                    DOCKERFILE_INSTRUCTIONS.contains(instruction[0]), path + ": unknown instruction " + instruction[0]);
            assertFalse(instruction[1].isBlank(), path + ": " + instruction[0] + " without arguments");
        }
        String base = dockerfile.argument("FROM");
        assertTrue(base.matches("[a-z0-9./-]+:[A-Za-z0-9._-]+") && !base.endsWith(":latest"), "a pinned tag: " + base);
        String user = dockerfile.argument("USER");
        assertTrue(user.matches("[1-9][0-9]*(:[1-9][0-9]*)?"), "a numeric non-root USER (runAsNonRoot): " + user);

        List<String> sources = new ArrayList<>();
        for (String[] copy : dockerfile.copies()) {
            String source = copy[0];
            sources.add(source);
            Matcher output = Pattern.compile("(.+)/target/([^/]+)").matcher(source);
            assertTrue(output.matches(), path + " copies a build output: " + source);
            Path pom = Repo.root().resolve(output.group(1)).resolve("pom.xml");
            assertTrue(Files.isRegularFile(pom), "module " + output.group(1) + " exists");
            assertTrue(
                    Files.readString(pom).contains("${project.build.directory}/" + output.group(2)),
                    output.group(1) + "/pom.xml builds " + output.group(2));
        }
        Path ignore = Repo.root().resolve(path + ".dockerignore");
        List<String> admitted = Files.readAllLines(ignore).stream()
                .filter(line -> line.startsWith("!"))
                .map(line -> line.substring(1))
                .toList();
        assertEquals(sources, admitted, ignore + " lets exactly the copied files into the build context");

        String tag = dockerfile.buildTag();
        assertTrue(
                SandboxSettingsTest.containers()
                        .anyMatch(c -> c.path("image").asText().equals(tag)),
                "a container of the Deployment runs the image " + path + " builds: " + tag);
        assertTrue(readme().contains(tag), "deploy/README.md names the image " + tag);
    }

    @Test
    void theAuditTrailIsWrittenToThePersistentVolume() {
        String file = Wiring.env(Wiring.appContainer(), "TOOLGATE_AUDIT_FILE");
        assertTrue(file.startsWith("/"), "TOOLGATE_AUDIT_FILE is an absolute path: " + file);
        JsonNode mount = Wiring.mountHolding(Wiring.appContainer(), file);
        assertFalse(mount.path("readOnly").asBoolean(false), "the audit volume is writable");
        String claim = Wiring.volume(mount.path("name").asText())
                .path("persistentVolumeClaim")
                .path("claimName")
                .asText();
        assertTrue(DeployKit.find("PersistentVolumeClaim", claim).isPresent(), "PersistentVolumeClaim " + claim);
    }

    @Test
    void theAuditIsShippedToACollectorTheNetworkPolicyLetsThrough() {
        URI ship = URI.create(Wiring.env(Wiring.appContainer(), "TOOLGATE_AUDIT_SHIP_URL"));
        assertEquals("syslog+tls", ship.getScheme(), "shipped over TLS");
        String[] host = ship.getHost().split("\\.");
        assertTrue(host.length >= 3 && host[2].equals("svc"), "a Service name SERVICE.NAMESPACE.svc: " + ship);
        String namespace = host[1];
        boolean allowed = false;
        for (JsonNode rule :
                DeployKit.only("NetworkPolicy").object().path("spec").path("egress")) {
            boolean toNamespace = false;
            for (JsonNode to : rule.path("to")) {
                toNamespace |= namespace.equals(to.path("namespaceSelector")
                        .path("matchLabels")
                        .path("kubernetes.io/metadata.name")
                        .asText());
            }
            boolean toPort = false;
            for (JsonNode port : rule.path("ports")) {
                toPort |= port.path("port").asInt() == ship.getPort();
            }
            allowed |= toNamespace && toPort;
        }
        assertTrue(allowed, "an egress rule lets the audit reach namespace " + namespace + " port " + ship.getPort());

        String truststore = Wiring.env(Wiring.appContainer(), "TOOLGATE_AUDIT_SHIP_TRUSTSTORE");
        JsonNode mount = Wiring.mountHolding(Wiring.appContainer(), truststore);
        JsonNode secret = Wiring.volume(mount.path("name").asText()).path("secret");
        assertFalse(secret.isMissingNode(), "the trust store comes from a Secret");
        String item = truststore.substring(mount.path("mountPath").asText().length() + 1);
        boolean found = false;
        for (JsonNode entry : secret.path("items")) {
            found |= entry.path("path").asText().equals(item);
        }
        assertTrue(found, "the Secret volume puts " + item + " where TOOLGATE_AUDIT_SHIP_TRUSTSTORE points");
    }

    @Test
    void everySecretTheManifestsUseIsCreatedAsDeployReadmeSays() {
        List<String[]> used = new ArrayList<>();
        SandboxSettingsTest.containers()
                .forEach(c -> c.path("env").forEach(variable -> {
                    JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        used.add(new String[] {
                            ref.path("name").asText(), ref.path("key").asText()
                        });
                    }
                }));
        for (JsonNode volume : Wiring.podSpec().path("volumes")) {
            JsonNode secret = volume.path("secret");
            secret.path("items")
                    .forEach(item -> used.add(new String[] {
                        secret.path("secretName").asText(), item.path("key").asText()
                    }));
        }
        assertFalse(used.isEmpty(), "the approval token comes from a Secret");
        String readme = readme().replace("\\\n", " ");
        for (String[] secretKey : used) {
            Matcher create = Pattern.compile(
                            "kubectl [^\\n]*create secret generic " + Pattern.quote(secretKey[0]) + "\\b[^\\n]*")
                    .matcher(readme);
            assertTrue(create.find(), "deploy/README.md says how to create Secret " + secretKey[0]);
            assertTrue(
                    create.group().matches(".*--from-(literal|file)=" + Pattern.quote(secretKey[1]) + "=.*"),
                    "deploy/README.md creates key " + secretKey[1] + " of Secret " + secretKey[0] + ": "
                            + create.group());
        }
        JsonNode token = Wiring.envEntry(Wiring.appContainer(), "TOOLGATE_APPROVAL_ENDPOINT_TOKEN");
        assertFalse(token.path("valueFrom").path("secretKeyRef").isMissingNode(), "the approval token is a Secret");
    }

    @Test
    void theApprovalEndpointPortIsTheOneDeployReadmeForwards() {
        String port = Wiring.agentArguments().get("approval.endpoint.port");
        assertEquals("endpoint", Wiring.agentArguments().get("approval.channel"));
        assertTrue(port != null && port.matches("[1-9][0-9]*"), "a fixed port to forward: " + port);
        assertTrue(readme().matches("(?s).*kubectl [^\\n]*port-forward [^\\n]*\\b" + port + "\\b.*"), "port-forward");
    }

    private static String agentImageJar() throws IOException {
        return Dockerfile.read("deploy/docker/agent/Dockerfile").copies().get(0)[1];
    }

    private static String readme() {
        try {
            return Files.readString(Repo.root().resolve("deploy/README.md"));
        } catch (IOException e) {
            throw new AssertionError("deploy/README.md cannot be read", e);
        }
    }

    /** A Dockerfile's instructions, continuation lines joined, comments left out. */
    record Dockerfile(String text, List<String[]> instructions) {
        static Dockerfile read(String path) throws IOException {
            String text = Files.readString(Repo.root().resolve(path));
            List<String[]> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : text.split("\n")) {
                if (line.strip().startsWith("#") || (line.isBlank() && current.isEmpty())) {
                    continue;
                }
                current.append(line.strip());
                if (current.toString().endsWith("\\")) {
                    current.setLength(current.length() - 1);
                    current.append(' ');
                    continue;
                }
                String joined = current.toString().strip();
                current.setLength(0);
                int space = joined.indexOf(' ');
                instructions.add(
                        space < 0
                                ? new String[] {joined.toUpperCase(), ""}
                                : new String[] {
                                    joined.substring(0, space).toUpperCase(),
                                    joined.substring(space + 1).strip()
                                });
            }
            return new Dockerfile(text, instructions);
        }

        String argument(String instruction) {
            return instructions.stream()
                    .filter(i -> i[0].equals(instruction))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("no " + instruction))[1];
        }

        List<String> execForm(String instruction) {
            String json = argument(instruction);
            try {
                List<String> form = new ArrayList<>();
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).forEach(n -> form.add(n.asText()));
                return form;
            } catch (IOException e) {
                throw new AssertionError(instruction + " is not in exec form (a JSON array): " + json, e);
            }
        }

        /** COPY instructions as {source, destination}, options such as --chmod left out. */
        List<String[]> copies() {
            List<String[]> copies = new ArrayList<>();
            for (String[] instruction : instructions) {
                if (instruction[0].equals("COPY")) {
                    List<String> words = new ArrayList<>(List.of(instruction[1].split("\\s+")));
                    words.removeIf(w -> w.startsWith("--"));
                    copies.add(new String[] {words.get(0), words.get(words.size() - 1)});
                }
            }
            return copies;
        }

        /** The tag in the build command the Dockerfile's comment gives ({@code docker build ... -t TAG .}). */
        String buildTag() {
            Matcher matcher =
                    Pattern.compile("docker build -f \\S+ -t (\\S+) \\.").matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no 'docker build -f ... -t TAG .' comment");
            }
            return matcher.group(1);
        }
    }
}
