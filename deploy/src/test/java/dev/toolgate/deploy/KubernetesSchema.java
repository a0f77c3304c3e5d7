package dev.toolgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a Kubernetes object against the API's types as the official Java client models them (generated from the
 * Kubernetes OpenAPI definitions).
 *
 * <p>Two passes: the client's own JSON reader, which refuses fields the API does not define, missing required
 * fields, and objects or arrays where the other is expected; then a walk over the model's declared field types,
 * because that reader converts primitives silently ({@code "true"} for a boolean, {@code "80"} for a port, a number
 * for a string) where the API server would refuse them.
 */
final class KubernetesSchema {

    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", V1Namespace.class),
            Map.entry("v1/ServiceAccount", V1ServiceAccount.class),
            Map.entry("v1/ConfigMap", V1ConfigMap.class),
            Map.entry("v1/Secret", V1Secret.class),
            Map.entry("v1/Service", V1Service.class),
            Map.entry("v1/Pod", V1Pod.class),
            Map.entry("v1/PersistentVolumeClaim", V1PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", V1Deployment.class),
            Map.entry("apps/v1/StatefulSet", V1StatefulSet.class),
            Map.entry("apps/v1/DaemonSet", V1DaemonSet.class),
            Map.entry("batch/v1/Job", V1Job.class),
            Map.entry("batch/v1/CronJob", V1CronJob.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class));

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final Map<Class<?>, Map<String, Field>> FIELDS = new HashMap<>();

    private KubernetesSchema() {}

    /** What is wrong with {@code object} as a Kubernetes object; empty when nothing is. */
    static List<String> problems(JsonNode object) {
        List<String> problems = new ArrayList<>();
        if (object == null || !object.isObject()) {
            problems.add("not a Kubernetes object (a YAML mapping with apiVersion and kind)");
            return problems;
        }
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        Class<?> type = KINDS.get(apiVersion + "/" + kind);
        if (type == null) {
            problems.add("apiVersion '" + apiVersion + "' kind '" + kind + "' is not a type this check knows ("
                    + String.join(", ", KINDS.keySet().stream().sorted().toList()) + ")");
            return problems;
        }
        try {
            new JSON().deserialize(JSON_MAPPER.writeValueAsString(object), type);
        } catch (RuntimeException | java.io.IOException e) {
            problems.add(kind + ": " + messageOf(e));
        }
        checkTypes(object, type, kind, problems);
        return problems;
    }

    private static String messageOf(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return cause == e ? message : message + " (" + cause + ")";
    }

    private static void checkTypes(JsonNode value, Type type, String path, List<String> problems) {
        if (value == null || value.isNull()) {
            return;
        }
        Class<?> raw = rawClass(type);
        if (raw == Object.class) {
            return;
        }
        if (raw == String.class || raw == OffsetDateTime.class || raw == byte[].class) {
            expect(value.isTextual(), value, path, "a string", problems);
        } else if (raw == Boolean.class || raw == boolean.class) {
            expect(value.isBoolean(), value, path, "true or false", problems);
        } else if (raw == Integer.class || raw == Long.class || raw == int.class || raw == long.class) {
            expect(value.isIntegralNumber(), value, path, "a whole number", problems);
        } else if (raw == Double.class || raw == Float.class || raw == double.class || raw == float.class) {
            expect(value.isNumber(), value, path, "a number", problems);
        } else if (raw == Quantity.class) {
            expect(value.isTextual() || value.isNumber(), value, path, "a quantity such as 500m or 1Gi", problems);
        } else if (raw == IntOrString.class) {
            expect(value.isTextual() || value.isIntegralNumber(), value, path, "a number or a name", problems);
        } else if (List.class.isAssignableFrom(raw)) {
            if (expect(value.isArray(), value, path, "a list", problems)) {
                for (int i = 0; i < value.size(); i++) {
                    checkTypes(value.get(i), typeArgument(type, 0), path + "[" + i + "]", problems);
                }
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (expect(value.isObject(), value, path, "a mapping", problems)) {
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    checkTypes(entry.getValue(), typeArgument(type, 1), path + "." + entry.getKey(), problems);
                }
            }
        } else if (raw.getName().startsWith("io.kubernetes.client.openapi.models.")) {
            if (expect(value.isObject(), value, path, "a mapping", problems)) {
                Map<String, Field> fields = fieldsOf(raw);
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    Field field = fields.get(entry.getKey());
                    if (field == null) {
                        problems.add(path + "." + entry.getKey() + ": not a field of " + raw.getSimpleName());
                    } else {
                        checkTypes(entry.getValue(), field.getGenericType(), path + "." + entry.getKey(), problems);
                    }
                }
            }
        }
    }

    private static boolean expect(boolean ok, JsonNode value, String path, String what, List<String> problems) {
        if (!ok) {
            problems.add(path + ": expected " + what + ", got " + describe(value));
        }
        return ok;
    }

    private static String describe(JsonNode value) {
        String kind = value.isTextual()
                ? "the string"
                : value.isBoolean() ? "the boolean" : value.isNumber() ? "the number" : value.getNodeType() + "";
        String text = value.isValueNode() ? value.toString() : "";
        return (kind + " " + text).trim();
    }

    private static synchronized Map<String, Field> fieldsOf(Class<?> model) {
        return FIELDS.computeIfAbsent(model, type -> {
            Map<String, Field> fields = new HashMap<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    SerializedName name = field.getAnnotation(SerializedName.class);
                    if (name != null) {
                        fields.putIfAbsent(name.value(), field);
                    }
                }
            }
            return fields;
        });
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
