package dev.toolgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The article's sandbox pod and network isolation, read from the manifests. */
class SandboxSettingsTest {

    static JsonNode podSpec() {
        return DeployKit.only("Deployment")
                .object()
                .path("spec")
                .path("template")
                .path("spec");
    }

    /** Every container of the pod, init containers included, with its name. */
    static Stream<JsonNode> containers() {
        List<JsonNode> all = new ArrayList<>();
        podSpec().path("initContainers").forEach(all::add);
        podSpec().path("containers").forEach(all::add);
        return all.stream();
    }

    @Test
    void thePodRunsAsANonRootUserUnderTheRuntimeDefaultSeccompProfile() {
        JsonNode security = podSpec().path("securityContext");
        assertTrue(security.path("runAsNonRoot").asBoolean(false), "runAsNonRoot");
        assertTrue(security.path("runAsUser").asLong(0) > 0, "runAsUser is not root: " + security);
        assertTrue(security.path("runAsGroup").asLong(0) > 0, "runAsGroup is not root: " + security);
        assertEquals(
                "RuntimeDefault", security.path("seccompProfile").path("type").asText(), "seccompProfile");
        assertEquals(
                "RuntimeDefault", security.path("appArmorProfile").path("type").asText(), "appArmorProfile");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void everyContainerIsLockedDown(JsonNode container) {
        String name = container.path("name").asText();
        JsonNode security = container.path("securityContext");
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), name + ": allowPrivilegeEscalation");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean(false), name + ": readOnlyRootFilesystem");
        assertFalse(security.path("privileged").asBoolean(false), name + ": privileged");
        assertEquals(List.of("ALL"), texts(security.path("capabilities").path("drop")), name + ": capabilities.drop");
        assertTrue(security.path("capabilities").path("add").isMissingNode(), name + ": capabilities.add");
        // Nothing the pod sets may be loosened per container.
        assertFalse(
                security.path("runAsNonRoot").isBoolean()
                        && !security.path("runAsNonRoot").asBoolean(),
                name);
        assertFalse(security.has("runAsUser") && security.path("runAsUser").asLong() == 0, name + ": runAsUser 0");
        assertFalse(
                security.has("seccompProfile")
                        && !security.path("seccompProfile")
                                .path("type")
                                .asText()
                                .equals("RuntimeDefault"),
                name + ": seccompProfile");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void everyContainerHasResourceRequestsAndLimits(JsonNode container) {
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory", "ephemeral-storage")) {
                assertFalse(
                        container
                                .path("resources")
                                .path(kind)
                                .path(resource)
                                .asText()
                                .isEmpty(),
                        container.path("name").asText() + ": resources." + kind + "." + resource);
            }
        }
    }

    @Test
    void tmpIsASizeLimitedEmptyDir() {
        for (JsonNode container : podSpec().path("containers")) {
            JsonNode mount = Wiring.mountAt(container, "/tmp");
            JsonNode volume = Wiring.volume(mount.path("name").asText());
            assertTrue(
                    volume.has("emptyDir"), "/tmp of " + container.path("name").asText() + ": " + volume);
            assertFalse(volume.path("emptyDir").path("sizeLimit").asText().isEmpty(), "/tmp sizeLimit");
        }
    }

    @Test
    void noServiceAccountTokenIsMounted() {
        assertFalse(podSpec().path("automountServiceAccountToken").asBoolean(true), "pod");
        String account = podSpec().path("serviceAccountName").asText();
        JsonNode serviceAccount = DeployKit.find("ServiceAccount", account)
                .orElseThrow(() -> new AssertionError("no ServiceAccount " + account + " in the kit"))
                .object();
        assertFalse(serviceAccount.path("automountServiceAccountToken").asBoolean(true), "ServiceAccount");
    }

    @Test
    void thePodSharesNothingWithTheNode() {
        for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
            assertFalse(podSpec().path(field).asBoolean(false), field);
        }
        for (JsonNode volume : podSpec().path("volumes")) {
            assertFalse(volume.has("hostPath"), "hostPath volume " + volume);
        }
        containers().forEach(c -> c.path("ports").forEach(p -> assertFalse(p.has("hostPort"), "hostPort " + p)));
    }

    @Test
    void theNamespaceEnforcesTheRestrictedPodSecurityStandard() {
        JsonNode labels = DeployKit.only("Namespace").object().path("metadata").path("labels");
        assertEquals(
                "restricted", labels.path("pod-security.kubernetes.io/enforce").asText());
        assertEquals(
                DeployKit.only("Namespace").name(),
                DeployKit.kustomization().path("namespace").asText(),
                "the kustomization puts everything in the kit's namespace");
    }

    @Test
    void theNetworkPolicySelectsThePodAndAllowsNoIngress() {
        JsonNode spec = DeployKit.only("NetworkPolicy").object().path("spec");
        JsonNode podLabels = DeployKit.only("Deployment")
                .object()
                .path("spec")
                .path("template")
                .path("metadata")
                .path("labels");
        spec.path("podSelector")
                .path("matchLabels")
                .fields()
                .forEachRemaining(label -> assertEquals(
                        label.getValue().asText(),
                        podLabels.path(label.getKey()).asText(),
                        "the pod carries the label the NetworkPolicy selects: " + label.getKey()));
        assertFalse(spec.path("podSelector").path("matchLabels").isEmpty(), "podSelector");
        assertEquals(List.of("Ingress", "Egress"), texts(spec.path("policyTypes")));
        assertTrue(
                spec.path("ingress").isArray() && spec.path("ingress").isEmpty(), "ingress: " + spec.path("ingress"));
    }

    @Test
    void egressIsDnsAndNamedDestinationsOnly() {
        JsonNode egress = DeployKit.only("NetworkPolicy").object().path("spec").path("egress");
        assertFalse(egress.isEmpty(), "egress rules");
        boolean dns = false;
        for (JsonNode rule : egress) {
            assertFalse(rule.path("to").isEmpty(), "an egress rule without destinations allows every one: " + rule);
            assertFalse(rule.path("ports").isEmpty(), "an egress rule without ports allows every port: " + rule);
            for (JsonNode to : rule.path("to")) {
                assertFalse(to.has("ipBlock"), "an address block instead of a named destination: " + to);
                assertFalse(
                        to.has("namespaceSelector")
                                && to.path("namespaceSelector")
                                        .path("matchLabels")
                                        .isEmpty()
                                && to.path("namespaceSelector")
                                        .path("matchExpressions")
                                        .isEmpty(),
                        "a namespaceSelector that selects every namespace: " + to);
            }
            for (JsonNode port : rule.path("ports")) {
                if (port.path("port").asInt() == 53
                        && port.path("protocol").asText("TCP").equals("UDP")) {
                    dns = true;
                    assertEquals(
                            "kube-dns",
                            rule.path("to")
                                    .path(0)
                                    .path("podSelector")
                                    .path("matchLabels")
                                    .path("k8s-app")
                                    .asText(),
                            "DNS goes to the cluster's resolver");
                }
            }
        }
        assertTrue(dns, "egress to DNS (UDP 53)");
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
