package dev.toolgate.agent.validation;

import dev.toolgate.agent.policy.DataAccess;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The article's {@code data_access}, enforced on arguments by name: a value of an argument named
 * {@code namespace} (or {@code ns}) must be one of {@code namespaces}; with {@code secrets: false} (or
 * {@code configmaps: false}) an argument named {@code resource}, {@code kind} or {@code resource_type} may not
 * name secrets (or config maps), in any of the spellings kubectl accepts.
 */
final class DataAccessCheck {

    private static final Set<String> NAMESPACE_ARGUMENTS = Set.of("namespace", "ns", "namespace_name");
    private static final Set<String> RESOURCE_ARGUMENTS =
            Set.of("resource", "kind", "resource_type", "resources", "type");

    private DataAccessCheck() {}

    static String check(DataAccess access, List<ArgumentValidationStage.Leaf> leaves) {
        for (ArgumentValidationStage.Leaf leaf : leaves) {
            String key = leaf.parameter().toLowerCase(Locale.ROOT);
            String value = leaf.text().strip();
            if (NAMESPACE_ARGUMENTS.contains(key)
                    && !access.namespaces().isEmpty()
                    && !access.namespaces().contains(value)) {
                return "namespace '" + value + "' is not in data_access.namespaces " + access.namespaces();
            }
            if (RESOURCE_ARGUMENTS.contains(key)) {
                for (String resource : value.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
                    String kind = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
                    kind = kind.contains(".") ? kind.substring(0, kind.indexOf('.')) : kind;
                    if (Boolean.FALSE.equals(access.secrets())
                            && Set.of("secret", "secrets").contains(kind)) {
                        return "resource '" + value + "' is a secret and data_access.secrets is false";
                    }
                    if (Boolean.FALSE.equals(access.configmaps())
                            && Set.of("configmap", "configmaps", "cm").contains(kind)) {
                        return "resource '" + value + "' is a config map and data_access.configmaps is false";
                    }
                    if (kind.equals("all")
                            && (Boolean.FALSE.equals(access.secrets()) || Boolean.FALSE.equals(access.configmaps()))) {
                        return "resource '" + value + "' includes every kind, secrets among them";
                    }
                }
            }
        }
        return null;
    }
}
