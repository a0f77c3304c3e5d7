package dev.toolgate.agent.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory of policy files, read as one policy. The rules, strict on purpose so that no file can silently
 * change what another says:
 * <ul>
 *   <li>the files are the directory's {@code *.yaml} and {@code *.yml} entries (symbolic links followed), read in
 *       name order; entries whose names start with {@code .} are ignored (Kubernetes keeps its {@code ..data}
 *       link and timestamped directories there, editors their swap files); any other entry is an error;</li>
 *   <li>each file is a policy fragment in the usual format, checked on its own for YAML and keys;</li>
 *   <li>a role, tool or named validator is defined in one file only: a second definition is an error naming
 *       both files;</li>
 *   <li>{@code instrument:} rules add up, in file order;</li>
 *   <li>the sections {@code approval}, {@code sessions}, {@code screening} and {@code visibility} are written in
 *       one file only; {@code version}, where several files give it, must agree;</li>
 *   <li>the merged policy is then validated like a single file, every message naming the file that holds the
 *       key; the directory's sha256 is that of the lines {@code NAME<TAB>SHA256-OF-FILE} of its files, in
 *       order.</li>
 * </ul>
 */
final class PolicyDirectory {

    /** A policy is a few files; a directory holding hundreds is not a policy directory. */
    static final int MAX_FILES = 256;

    private PolicyDirectory() {}

    /** One file of the directory, parsed. */
    record Part(Path file, KeyLocator locator, PolicyDocument document, String sha256) {}

    /** The merged document, its hash, and where each key came from. */
    record Merged(
            PolicyDocument document,
            String sha256,
            Map<String, Part> owners,
            Map<String, List<Origin>> lists,
            Path directory) {

        /** Where a key of the merged policy is written: the file that defines it, and the key's name there. */
        PolicyLoader.Place place(String key) {
            for (Map.Entry<String, List<Origin>> list : lists.entrySet()) {
                String prefix = list.getKey() + "[";
                if (key.startsWith(prefix)) {
                    int close = key.indexOf(']');
                    try {
                        Origin origin = list.getValue().get(Integer.parseInt(key.substring(prefix.length(), close)));
                        String local = prefix + origin.index() + key.substring(close);
                        return new PolicyLoader.Place(
                                origin.part().file(), origin.part().locator(), local);
                    } catch (RuntimeException notAnIndex) {
                        return new PolicyLoader.Place(directory, null, key);
                    }
                }
            }
            Part owner = null;
            int longest = -1;
            for (Map.Entry<String, Part> entry : owners.entrySet()) {
                String prefix = entry.getKey();
                boolean covers = key.equals(prefix) || key.startsWith(prefix + ".") || key.startsWith(prefix + "[");
                if (covers && prefix.length() > longest) {
                    owner = entry.getValue();
                    longest = prefix.length();
                }
            }
            return owner == null
                    ? new PolicyLoader.Place(directory, null, key)
                    : new PolicyLoader.Place(owner.file(), owner.locator(), key);
        }
    }

    /** An entry of a merged list ({@code instrument:}, {@code examples:}): the file and index it has there. */
    record Origin(Part part, int index) {}

    /** The directory's policy files in name order. */
    static List<Path> files(Path directory) throws PolicyException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
                if (!yaml || !Files.isRegularFile(entry)) {
                    throw new PolicyException(entry + ": is not a policy file. A policy directory holds only *.yaml"
                            + " and *.yml files (names starting with '.' are ignored); move it out of " + directory
                            + ".");
                }
                files.add(entry);
                if (files.size() > MAX_FILES) {
                    throw new PolicyException(directory + ": holds more than " + MAX_FILES + " policy files. Is this"
                            + " the right directory?");
                }
            }
        } catch (NoSuchFileException e) {
            throw new PolicyException(directory + ": policy directory not found. Set toolgate.policy to an existing"
                    + " YAML file or directory of YAML files.");
        } catch (IOException e) {
            throw new PolicyException(directory + ": the policy directory cannot be read (" + e + ").", e);
        }
        if (files.isEmpty()) {
            throw new PolicyException(directory + ": the policy directory holds no *.yaml or *.yml file. Put the"
                    + " policy there (for instance policy.yaml with a 'roles:' section).");
        }
        files.sort(
                (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    static Merged merge(Path directory, List<Part> parts) throws PolicyException {
        Map<String, Part> owners = new LinkedHashMap<>();
        Map<String, RolePolicy> roles = new LinkedHashMap<>();
        Map<String, ToolPolicy> tools = new LinkedHashMap<>();
        Map<String, Map<String, Object>> validators = new LinkedHashMap<>();
        List<InstrumentRule> instrument = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        List<PolicyExample> examples = new ArrayList<>();
        List<Origin> exampleOrigins = new ArrayList<>();
        Integer version = null;
        ApprovalSettings approval = null;
        SessionPolicy sessions = null;
        Map<String, Object> screening = null;
        VisibilityPolicy visibility = null;
        ProvenancePolicy provenance = null;
        StringBuilder digest = new StringBuilder();
        for (Part part : parts) {
            PolicyDocument document = part.document();
            digest.append(part.file().getFileName())
                    .append('\t')
                    .append(part.sha256())
                    .append('\n');
            if (document.version() != null) {
                if (version != null && !version.equals(document.version())) {
                    throw conflict(part, "version", owners, "gives another version");
                }
                version = document.version();
                owners.putIfAbsent("version", part);
            }
            addAll(part, "roles", "role", document.roles(), roles, owners);
            addAll(part, "tools", "tool", document.tools(), tools, owners);
            addAll(part, "validators", "validator", document.validators(), validators, owners);
            if (document.instrument() != null) {
                for (int i = 0; i < document.instrument().size(); i++) {
                    instrument.add(document.instrument().get(i));
                    origins.add(new Origin(part, i));
                }
            }
            if (document.examples() != null) {
                for (int i = 0; i < document.examples().size(); i++) {
                    examples.add(document.examples().get(i));
                    exampleOrigins.add(new Origin(part, i));
                }
            }
            approval = section(part, "approval", document.approval(), approval, owners);
            sessions = section(part, "sessions", document.sessions(), sessions, owners);
            screening = section(part, "screening", document.screening(), screening, owners);
            visibility = section(part, "visibility", document.visibility(), visibility, owners);
            provenance = section(part, "provenance", document.provenance(), provenance, owners);
        }
        PolicyDocument merged = new PolicyDocument(
                version,
                roles,
                tools,
                instrument,
                approval,
                sessions,
                validators.isEmpty() ? null : validators,
                screening,
                visibility,
                examples.isEmpty() ? null : examples,
                provenance);
        String sha256 = PolicyLoader.sha256(digest.toString().getBytes(StandardCharsets.UTF_8));
        return new Merged(merged, sha256, owners, Map.of("instrument", origins, "examples", exampleOrigins), directory);
    }

    private static <T> void addAll(
            Part part,
            String section,
            String what,
            Map<String, T> entries,
            Map<String, T> into,
            Map<String, Part> owners)
            throws PolicyException {
        if (entries == null) {
            return;
        }
        for (Map.Entry<String, T> entry : entries.entrySet()) {
            String key = section + "." + entry.getKey();
            if (owners.containsKey(key)) {
                throw conflict(part, key, owners, "defines " + what + " '" + entry.getKey() + "' again");
            }
            owners.put(key, part);
            into.put(entry.getKey(), entry.getValue());
        }
    }

    private static <T> T section(Part part, String key, T value, T before, Map<String, Part> owners)
            throws PolicyException {
        if (value == null) {
            return before;
        }
        if (before != null) {
            throw conflict(part, key, owners, "writes the '" + key + "' section again");
        }
        owners.put(key, part);
        return value;
    }

    private static PolicyException conflict(Part part, String key, Map<String, Part> owners, String what) {
        Part first = owners.get(key);
        return new PolicyException(part.file() + part.locator().positionOf(key) + ": key '" + key + "': this file "
                + what + "; it is already in " + first.file() + first.locator().positionOf(key)
                + ". In a policy directory each role, tool, validator and section is written in one file only;"
                + " keep one of the two.");
    }
}
