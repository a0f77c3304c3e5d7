package dev.toolgate.agent.policy;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Refuses the YAML features a policy must not use: anchors, aliases, merge keys and tags that change a value.
 * The binder reads an alias as the anchor's name ({@code [*del]} becomes the tool {@code del}) and ignores or
 * reinterprets tags, so a policy using them would not say what it seems to say. Checking the parser's events,
 * not the text, keeps a quoted {@code "*"} or {@code "&"} an ordinary string.
 */
final class PlainYaml {

    private static final String CORE = "tag:yaml.org,2002:";
    private static final Set<String> CORE_SCALAR_TAGS = Set.of(
            Tag.STR.getValue(), Tag.INT.getValue(), Tag.BOOL.getValue(), Tag.FLOAT.getValue(), Tag.NULL.getValue());

    // The binder resolves untagged scalars with this same resolver; agreeing with it is what "redundant" means.
    private static final Resolver RESOLVER = new Resolver();

    private final Path file;
    private final Deque<Collection> open = new ArrayDeque<>();

    private PlainYaml(Path file) {
        this.file = file;
    }

    /**
     * Throws on the first anchor, alias, merge key or non-plain tag in {@code yaml}, naming its line and key.
     * Malformed YAML is left to the binder, which reports syntax errors in its own words: it reads the same text
     * with the same parser and options, so it cannot get past the point where this scan stopped.
     */
    static void check(Path file, String yaml) throws PolicyException {
        PlainYaml check = new PlainYaml(file);
        try {
            for (Event event : new Yaml(new LoaderOptions()).parse(new StringReader(yaml))) {
                check.accept(event);
            }
        } catch (YAMLException malformed) {
            // reported by the binder, see above
        }
    }

    private void accept(Event event) throws PolicyException {
        if (event.is(Event.ID.DocumentStart)) {
            open.clear();
        } else if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
            open.pop();
            finishNode(null);
        } else if (event instanceof NodeEvent node) {
            startNode(node);
        }
    }

    private void startNode(NodeEvent node) throws PolicyException {
        Collection parent = open.peek();
        boolean isKey = parent != null && parent.mapping && parent.key == null;
        String scalarValue = node instanceof ScalarEvent scalar ? scalar.getValue() : null;
        String path = parent == null ? "" : parent.childPath(isKey ? scalarValue : parent.key);
        if (node instanceof AliasEvent alias) {
            throw refuse(
                    node,
                    path,
                    "'*" + alias.getAnchor() + "' is a YAML alias; YAML anchors and aliases are"
                            + " not supported in policies. Write the value out in full here.");
        }
        if (node.getAnchor() != null) {
            throw refuse(
                    node,
                    path,
                    "'&" + node.getAnchor() + "' is a YAML anchor; YAML anchors and aliases are"
                            + " not supported in policies. Remove the anchor and write the value out in full wherever it"
                            + " is repeated.");
        }
        if (node instanceof ScalarEvent scalar) {
            if (isKey && scalar.isPlain() && "<<".equals(scalar.getValue()) && scalar.getTag() == null) {
                throw refuse(
                        node,
                        path,
                        "'<<' is a YAML merge key; merge keys, anchors and aliases are not"
                                + " supported in policies. Write the merged keys out in full in this mapping.");
            }
            checkScalarTag(scalar, path);
            finishNode(scalar.getValue());
        } else if (node instanceof CollectionStartEvent collection) {
            boolean mapping = collection instanceof MappingStartEvent;
            String plainTag = mapping ? Tag.MAP.getValue() : Tag.SEQ.getValue();
            if (collection.getTag() != null && !collection.getTag().equals(plainTag)) {
                throw refuse(node, path, tagProblem(collection.getTag()) + " Remove the tag.");
            }
            open.push(new Collection(mapping, path));
        }
    }

    /** A core-schema tag is let through only where the value means the same without it. */
    private void checkScalarTag(ScalarEvent scalar, String path) throws PolicyException {
        String tag = scalar.getTag();
        if (tag == null) {
            return;
        }
        String value = scalar.getValue();
        String untagged =
                RESOLVER.resolve(NodeId.scalar, value, scalar.isPlain()).getValue();
        // The binder reads an empty value under any tag as an empty string, where untagged it may be null.
        String tagged = value.isEmpty() ? Tag.STR.getValue() : tag;
        if (CORE_SCALAR_TAGS.contains(tag) && tagged.equals(untagged)) {
            return;
        }
        String problem = CORE_SCALAR_TAGS.contains(tag)
                ? "'" + shown(tag) + "' changes what " + (value.isEmpty() ? "the empty value" : "'" + value + "'")
                        + " means; policies take plain values only."
                : tagProblem(tag);
        throw refuse(scalar, path, problem + " Remove the tag, and quote the value if it is meant as text.");
    }

    private static String tagProblem(String tag) {
        return "'" + shown(tag) + "' is a YAML tag; policies take plain values only.";
    }

    /** The tag as an author writes it: the parser expands {@code !!} to the core-schema prefix. */
    private static String shown(String tag) {
        return tag.startsWith(CORE) ? "!!" + tag.substring(CORE.length()) : tag;
    }

    /** A node is complete: in a mapping, a key was read and its value comes next, or the value was read. */
    private void finishNode(String scalarValue) {
        Collection parent = open.peek();
        if (parent == null) {
            return;
        }
        if (parent.mapping) {
            parent.key = parent.key == null ? (scalarValue == null ? "?" : scalarValue) : null;
        } else {
            parent.index++;
        }
    }

    private PolicyException refuse(Event event, String path, String message) {
        Mark mark = event.getStartMark();
        return new PolicyException(file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": key '"
                + (path.isEmpty() ? "(top level)" : path) + "': " + message);
    }

    /** An open mapping or sequence, with the key path of the entry being read, as the binder names it. */
    private static final class Collection {
        final boolean mapping;
        final String path;
        /** In a mapping, the key whose value is being read; null while the next key is awaited. */
        String key;

        int index;

        Collection(boolean mapping, String path) {
            this.mapping = mapping;
            this.path = path;
        }

        String childPath(String childKey) {
            if (!mapping) {
                return path + "[" + index + "]";
            }
            String step = childKey == null ? "?" : childKey;
            return path.isEmpty() ? step : path + "." + step;
        }
    }
}
