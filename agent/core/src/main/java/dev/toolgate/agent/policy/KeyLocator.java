package dev.toolgate.agent.policy;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds where a key such as {@code roles.data_agent.resource_limits.max_api_calls} is written in a YAML text, so
 * that every policy error can name its line, including errors found after binding.
 */
final class KeyLocator {

    private final Node root;

    KeyLocator(String yaml) {
        Node composed;
        try {
            composed = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(yaml));
        } catch (RuntimeException unparsable) {
            composed = null;
        }
        this.root = composed;
    }

    /** Where a key is written: 1-based line and column. */
    record Position(int line, int column) {}

    /** {@code ":line:column"} of the key (1-based), or an empty string when it is not found. */
    String positionOf(String keyPath) {
        Position position = locate(keyPath);
        return position == null ? "" : ":" + position.line() + ":" + position.column();
    }

    /** Where the key is written, or null when it is not found. */
    Position locate(String keyPath) {
        Node node = root;
        Node keyNode = null;
        for (String step : split(keyPath)) {
            if (node instanceof MappingNode mapping) {
                Node next = null;
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key
                            && key.getValue().equals(step)) {
                        keyNode = key;
                        next = tuple.getValueNode();
                    }
                }
                if (next == null) {
                    break;
                }
                node = next;
            } else if (node instanceof SequenceNode sequence
                    && step.matches("\\d+")
                    && Integer.parseInt(step) < sequence.getValue().size()) {
                node = sequence.getValue().get(Integer.parseInt(step));
                keyNode = node;
            } else {
                break;
            }
        }
        if (keyNode == null) {
            return null;
        }
        return new Position(
                keyNode.getStartMark().getLine() + 1, keyNode.getStartMark().getColumn() + 1);
    }

    /**
     * The path of the key whose scalar value ends at (or spans) {@code line}:{@code column} (1-based), or null.
     * Finds the key of a value the parser rejected after the YAML was read, such as a number out of range.
     */
    String keyAt(int line, int column) {
        return root == null ? null : keyAt(root, "", line - 1, column - 1);
    }

    private static String keyAt(Node node, String path, int line, int column) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String found = keyAt(
                            tuple.getValueNode(),
                            path.isEmpty() ? key.getValue() : path + "." + key.getValue(),
                            line,
                            column);
                    if (found != null) {
                        return found;
                    }
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                String found = keyAt(sequence.getValue().get(i), path + "[" + i + "]", line, column);
                if (found != null) {
                    return found;
                }
            }
        } else if (node instanceof ScalarNode scalar) {
            boolean starts = scalar.getStartMark().getLine() < line
                    || (scalar.getStartMark().getLine() == line
                            && scalar.getStartMark().getColumn() <= column);
            boolean ends = scalar.getEndMark().getLine() > line
                    || (scalar.getEndMark().getLine() == line
                            && scalar.getEndMark().getColumn() >= column);
            return starts && ends ? path : null;
        }
        return null;
    }

    private static List<String> split(String keyPath) {
        List<String> steps = new ArrayList<>();
        for (String part : keyPath.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                steps.add(part);
                continue;
            }
            if (bracket > 0) {
                steps.add(part.substring(0, bracket));
            }
            for (String index : part.substring(bracket + 1).split("\\]\\[?")) {
                if (!index.isEmpty()) {
                    steps.add(index.replace("]", ""));
                }
            }
        }
        return steps;
    }
}
