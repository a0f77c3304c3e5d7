package dev.toolgate.sample.world;

import java.util.Map;
import java.util.TreeMap;

/**
 * A pretend Kubernetes cluster: per namespace, resources named {@code kind/name} with a one-line status or,
 * for config maps and secrets, their data.
 */
public final class Cluster {

    private final Map<String, Map<String, String>> namespaces = new TreeMap<>();

    public synchronized void put(String namespace, String resource, String content) {
        namespaces.computeIfAbsent(namespace, ignored -> new TreeMap<>()).put(resource, content);
    }

    public synchronized boolean has(String namespace, String resource) {
        return namespaces.getOrDefault(namespace, Map.of()).containsKey(resource);
    }

    /** Removes the resource; false when there was nothing to remove. */
    public synchronized boolean remove(String namespace, String resource) {
        Map<String, String> resources = namespaces.get(namespace);
        return resources != null && resources.remove(resource) != null;
    }

    /**
     * What {@code kubectl get} would print: the content of one resource ({@code configmap/settings}) or a table
     * of every resource of a kind ({@code pods}, {@code deployment}).
     */
    public synchronized String get(String namespace, String resource) {
        Map<String, String> resources = namespaces.getOrDefault(namespace, Map.of());
        if (resource.contains("/")) {
            String content = resources.get(resource);
            return content != null
                    ? content
                    : "Error from server (NotFound): " + resource + " not found in namespace " + namespace;
        }
        String kind = singular(resource);
        StringBuilder table = new StringBuilder("NAME\tSTATUS");
        resources.forEach((name, content) -> {
            if (name.startsWith(kind + "/")) {
                table.append('\n').append(name).append('\t').append(content);
            }
        });
        return table.toString();
    }

    private static String singular(String kind) {
        return kind.endsWith("s") ? kind.substring(0, kind.length() - 1) : kind;
    }
}
