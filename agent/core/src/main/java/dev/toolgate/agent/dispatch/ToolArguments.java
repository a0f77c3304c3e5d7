package dev.toolgate.agent.dispatch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON arguments of a dispatched tool call, read into named values ({@code String}, {@code Long} /
 * {@code Double} / {@code BigInteger} / {@code BigDecimal}, {@code Boolean}, {@code List}, {@code Map}, null) so
 * that schema, validators, approval conditions and the audit see them exactly as they see a method's parameters.
 * Reading is bounded: the text's length, the nesting depth and the number of values. Duplicate keys, trailing
 * content and anything but an object are refused: an attacker must not get the gate and the tool to read
 * different arguments out of the same text.
 */
public final class ToolArguments {

    /** Longest argument text read; longer arguments are refused without being parsed. */
    public static final int MAX_CHARS = 1 << 20;

    public static final int MAX_DEPTH = 64;
    public static final int MAX_VALUES = 100_000;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_CHARS)
                    .maxNumberLength(1000)
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final List<String> names;
    private final Object[] values;

    private ToolArguments(List<String> names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /** Why a call's arguments were not read; the message says what was wrong with them. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    static ToolArguments of(List<String> names, Object[] values) {
        return new ToolArguments(names, values);
    }

    /** The argument names, in the order the JSON gives them. */
    public List<String> names() {
        return names;
    }

    /** The values, in the order of {@link #names()}; a fresh array per call, the stages' own. */
    public Object[] values() {
        return values;
    }

    /**
     * Reads {@code json}; blank text (a tool without parameters, as some frameworks send it) is an empty object.
     *
     * @throws Unreadable when the text is not one JSON object within the bounds
     */
    public static ToolArguments parse(String json) throws Unreadable {
        return parse(json, null);
    }

    /**
     * As {@link #parse(String)}; {@code expectedNames} (the last call's, or null) is returned as the names when the
     * object has exactly those keys in that order, so a call of the usual shape builds no name list.
     */
    public static ToolArguments parse(String json, List<String> expectedNames) throws Unreadable {
        if (json == null) {
            return new ToolArguments(List.of(), new Object[0]);
        }
        if (json.length() > MAX_CHARS) {
            throw new Unreadable(
                    "the arguments are " + json.length() + " characters long; at most " + MAX_CHARS + " are read");
        }
        ToolArguments flat = FlatJson.read(json, expectedNames);
        if (flat != null) {
            return flat;
        }
        return json.isBlank() ? new ToolArguments(List.of(), new Object[0]) : strict(json);
    }

    /** The full reading, with Jackson's parser. */
    static ToolArguments strict(String json) throws Unreadable {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Unreadable("the arguments are not a JSON object");
            }
            Reader reader = new Reader(parser);
            List<String> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                names.add(parser.currentName());
                parser.nextToken();
                values.add(reader.value(1));
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new Unreadable("the arguments hold more than one JSON value");
            }
            return new ToolArguments(Collections.unmodifiableList(names), values.toArray());
        } catch (StreamConstraintsException e) {
            throw new Unreadable(
                    "the arguments exceed a bound (nesting deeper than " + MAX_DEPTH + " levels, or a value too long)");
        } catch (JsonParseException e) {
            throw new Unreadable("the arguments are not valid JSON (" + firstLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new Unreadable(
                    "the arguments could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static final class Reader {
        private final JsonParser parser;
        private int count;

        Reader(JsonParser parser) {
            this.parser = parser;
        }

        Object value(int depth) throws IOException, Unreadable {
            if (++count > MAX_VALUES) {
                throw new Unreadable("the arguments hold more than " + MAX_VALUES + " values");
            }
            JsonToken token = parser.currentToken();
            switch (token) {
                case START_OBJECT -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        object.put(name, value(depth + 1));
                    }
                    return Collections.unmodifiableMap(object);
                }
                case START_ARRAY -> {
                    List<Object> array = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        array.add(value(depth + 1));
                    }
                    return Collections.unmodifiableList(array);
                }
                case VALUE_STRING -> {
                    return parser.getText();
                }
                case VALUE_NUMBER_INT -> {
                    return parser.getNumberValue();
                }
                case VALUE_NUMBER_FLOAT -> {
                    return parser.getDecimalValue();
                }
                case VALUE_TRUE -> {
                    return Boolean.TRUE;
                }
                case VALUE_FALSE -> {
                    return Boolean.FALSE;
                }
                case VALUE_NULL -> {
                    return null;
                }
                default -> throw new Unreadable("unexpected JSON token " + token);
            }
        }
    }
}
