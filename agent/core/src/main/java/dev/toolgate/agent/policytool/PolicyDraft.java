package dev.toolgate.agent.policytool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.agent.policy.RiskLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A starting policy written from a tool list alone, as an operator reading the tools would write it: one role
 * allowed every tool, a risk class per tool from its name, parameters, description and MCP hints (the word
 * lists are {@code tool-risk-words.json}), and the provenance defaults: untrusted data into an EXTERNAL or
 * DELETE call needs a person, while such calls carrying only trusted data run without one. Each tool says why it
 * got its class, so a reviewer can correct it.
 */
public final class PolicyDraft {

    static final String WORDS = "dev/toolgate/agent/policytool/tool-risk-words.json";

    private final Map<RiskLevel, Set<String>> verbs = new EnumMap<>(RiskLevel.class);
    private final Set<String> peopleParameters = new HashSet<>();
    private final List<String> sendingWords = new ArrayList<>();
    private final Set<String> contentParameters = new HashSet<>();
    private final Set<String> addressParameters = new HashSet<>();

    /**
     * One tool's class and why.
     *
     * @param contentParameters the free-text parameters, and those that choose among the tool's own values
     */
    record Classified(RiskLevel risk, String why, List<String> contentParameters) {}

    PolicyDraft() {
        JsonNode words;
        try (InputStream in = PolicyDraft.class.getClassLoader().getResourceAsStream(WORDS)) {
            if (in == null) {
                throw new IllegalStateException(WORDS + " is missing from the agent jar");
            }
            words = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(WORDS + " cannot be read", e);
        }
        for (RiskLevel risk : RiskLevel.values()) {
            Set<String> set = new HashSet<>();
            words.get("verbs").get(risk.wireName()).forEach(word -> set.add(word.asText()));
            verbs.put(risk, set);
        }
        words.get("people_parameters").forEach(word -> peopleParameters.add(word.asText()));
        words.get("sending_words").forEach(word -> sendingWords.add(word.asText()));
        words.get("content_parameters").forEach(word -> contentParameters.add(word.asText()));
        words.get("address_parameters").forEach(word -> addressParameters.add(word.asText()));
    }

    Classified classify(ToolList.Tool tool) {
        Map<String, Boolean> hints = tool.hints();
        // A choice among the tool's own values (an enum) carries no value an attacker could plant.
        List<String> content = tool.parameters().stream()
                .filter(name -> contentParameters.contains(name.toLowerCase(Locale.ROOT))
                        || tool.choices().contains(name))
                .toList();
        if (Boolean.TRUE.equals(hints.get("readOnlyHint"))) {
            return new Classified(RiskLevel.READ, "MCP readOnlyHint", content);
        }
        if (Boolean.TRUE.equals(hints.get("destructiveHint"))) {
            return new Classified(RiskLevel.DELETE, "MCP destructiveHint", content);
        }
        if (Boolean.TRUE.equals(hints.get("openWorldHint"))) {
            return new Classified(RiskLevel.EXTERNAL, "MCP openWorldHint", content);
        }
        String verb = firstWord(tool.name());
        RiskLevel byName = null;
        for (RiskLevel risk :
                new RiskLevel[] {RiskLevel.DELETE, RiskLevel.EXTERNAL, RiskLevel.MODIFY, RiskLevel.READ}) {
            if (verbs.get(risk).contains(verb)) {
                byName = risk;
                break;
            }
        }
        if (byName == null) {
            return new Classified(
                    RiskLevel.HIGHEST, "no known verb in the name ('" + verb + "'): the highest class", content);
        }
        if (byName == RiskLevel.MODIFY) {
            String person = tool.parameters().stream()
                    .filter(name -> peopleParameters.contains(name.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElse(null);
            if (person != null) {
                return new Classified(
                        RiskLevel.EXTERNAL,
                        "'" + verb + "' with parameter '" + person + "': it reaches other people",
                        content);
            }
            String description = tool.description().toLowerCase(Locale.ROOT);
            for (String word : sendingWords) {
                if (description.contains(word)) {
                    return new Classified(
                            RiskLevel.EXTERNAL,
                            "'" + verb + "', and the description says '" + word.trim() + "'",
                            content);
                }
            }
        }
        return new Classified(byName, "the name starts with '" + verb + "'", content);
    }

    /**
     * The names of the tools' parameters that take an identifier ({@code id}, {@code file_id}, {@code fileId},
     * {@code file-id}), each once, in the order met; {@code id} itself is left out (the draft always lists it).
     */
    static List<String> identifierParameters(ToolList tools) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (ToolList.Tool tool : tools.tools()) {
            for (String name : tool.parameters()) {
                boolean identifier = name.endsWith("_id")
                        || name.endsWith("-id")
                        || (name.endsWith("Id")
                                && name.length() > 2
                                && Character.isLowerCase(name.charAt(name.length() - 3)));
                if (identifier) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }

    /** The first word of a name split at {@code _ - .}, spaces and case changes, lower-cased. */
    static String firstWord(String name) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_'
                    || c == '-'
                    || c == '.'
                    || c == ' '
                    || c == '/'
                    || (word.length() > 0 && Character.isUpperCase(c) && !Character.isUpperCase(name.charAt(i - 1)))) {
                if (word.length() > 0) {
                    break;
                }
                continue;
            }
            word.append(Character.toLowerCase(c));
        }
        return word.toString();
    }

    /** The policy as YAML text. */
    String write(ToolList tools, String role, String source, boolean provenance) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# A starting policy written by 'toolgate policy init --from-tools ")
                .append(source)
                .append("'\n")
                .append("# from the tools' names, parameters, descriptions and MCP hints alone. Review every risk\n")
                .append("# class, narrow the role's allowed_tools, and mark results trusted or confidential where\n")
                .append("# they are (see docs/provenance.md).\n")
                .append("version: 1\n");
        if (provenance) {
            yaml.append("provenance:\n")
                    .append(
                            "  untrusted: approve      # untrusted data into an EXTERNAL or DELETE call: a person decides\n")
                    .append("  confidential: approve\n");
            List<String> identifiers = identifierParameters(tools);
            if (!identifiers.isEmpty()) {
                // The tools take ids: results name the objects by id fields, which the service assigns.
                yaml.append("  identifiers: [external]  # an id taken whole from an id field of a result may pick what")
                        .append(" an EXTERNAL call acts on; whom it reaches is still checked\n")
                        .append("  identifier_fields: [\"id\"");
                for (String name : identifiers) {
                    yaml.append(", ").append(quote(name));
                }
                yaml.append("]   # the tools' id parameters; list only fields the service assigns\n");
            }
        }
        yaml.append("roles:\n")
                .append("  ")
                .append(quote(role))
                .append(":\n")
                .append("    description: every tool of the list\n")
                .append("    allowed_tools:\n");
        for (ToolList.Tool tool : tools.tools()) {
            yaml.append("      - ").append(quote(tool.name())).append('\n');
        }
        if (provenance) {
            yaml.append("    provenance:\n")
                    .append("      trusted: allow       # calls carrying only trusted data run without a person\n");
        }
        yaml.append("tools:\n");
        for (ToolList.Tool tool : tools.tools()) {
            Classified classified = classify(tool);
            yaml.append("  ")
                    .append(quote(tool.name()))
                    .append(":\n")
                    .append("    risk: ")
                    .append(classified.risk().wireName())
                    .append('\n')
                    .append("    description: ")
                    .append(quote(classified.why()))
                    .append('\n');
            boolean sink = classified.risk() == RiskLevel.EXTERNAL || classified.risk() == RiskLevel.DELETE;
            String address = sink ? null : addressParameter(tool);
            if (provenance && address != null) {
                // Fetching an address an injection chose reaches the attacker (and can carry data out in it).
                yaml.append("    accepts_untrusted: false   # it reaches the address in '")
                        .append(address)
                        .append("': every argument is checked\n");
            } else if (provenance && sink && !classified.contentParameters().isEmpty()) {
                yaml.append("    accepts_untrusted: [");
                for (int i = 0; i < classified.contentParameters().size(); i++) {
                    yaml.append(i == 0 ? "" : ", ")
                            .append(quote(classified.contentParameters().get(i)));
                }
                yaml.append("]   # free text that may quote a result (links and e-mail addresses in it excepted), or a")
                        .append(" choice among the tool's own values; every other argument is checked\n");
            }
        }
        return yaml.toString();
    }

    /** The first parameter of {@code tool} that names an address to reach (a URL, a host), or null. */
    private String addressParameter(ToolList.Tool tool) {
        return tool.parameters().stream()
                .filter(name -> addressParameters.contains(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElse(null);
    }

    /** A YAML scalar: JSON's double-quoted form, which YAML reads as is. */
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
