package dev.toolgate.agent.provenance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;
import java.util.Set;

/**
 * Identifier fields of structured results: the values a result that is a JSON or YAML document holds under a field
 * the policy names in {@code provenance.identifier_fields} ({@code "id": "24"}, {@code id_: '24'}), read with a
 * real parser, so text inside a string (an e-mail body that says {@code id: 13}) is never a field. Field names
 * compare without letter case and without leading or trailing underscores ({@code id_} and {@code _id} are
 * {@code id}); only a value of one token counts.
 */
final class Fields {

    /** A result longer than this is not parsed for identifier fields: none of its values counts as one. */
    static final int MAX_PARSED_CHARS = 1024 * 1024;

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private Fields() {}

    static String normalise(String field) {
        String name = field.trim().toLowerCase(Locale.ROOT);
        int start = 0;
        int end = name.length();
        while (start < end && name.charAt(start) == '_') {
            start++;
        }
        while (end > start && name.charAt(end - 1) == '_') {
            end--;
        }
        return name.substring(start, end);
    }

    /**
     * Feeds {@code sink} the hash of each one-token value of an identifier field of {@code text}; nothing when the
     * text is no JSON or YAML document of mappings, or is longer than {@link #MAX_PARSED_CHARS}.
     */
    static void identifiers(CharSequence text, Set<String> fields, Parts.Sink sink) {
        if (fields.isEmpty() || text.length() > MAX_PARSED_CHARS || !looksStructured(text)) {
            return;
        }
        try (JsonParser parser = YAML.createParser(new CharSequenceReader(text))) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.VALUE_STRING
                        && token != JsonToken.VALUE_NUMBER_INT
                        && token != JsonToken.VALUE_NUMBER_FLOAT) {
                    continue;
                }
                String field = parser.currentName();
                if (field == null || parser.getParsingContext().inArray() || !fields.contains(normalise(field))) {
                    continue;
                }
                String value = parser.getText();
                int[] span = Parts.wholeToken(value);
                if (span != null && !sink.part(Parts.hash(value, span[0], span[1]))) {
                    return;
                }
            }
        } catch (IOException | RuntimeException notADocument) {
            // Free text, or a document broken part-way: the fields read so far stand, no others.
        }
    }

    /** A mapping at the start: a JSON object or array, or a YAML {@code key:} or {@code - key:} line. */
    private static boolean looksStructured(CharSequence text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return false;
        }
        char first = text.charAt(i);
        if (first == '{' || first == '[') {
            return true;
        }
        int limit = Math.min(text.length(), i + 200);
        for (int j = i; j < limit && text.charAt(j) != '\n'; j++) {
            if (text.charAt(j) == ':' && (j + 1 == text.length() || Character.isWhitespace(text.charAt(j + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Reads a result's text where it is, without copying it. */
    private static final class CharSequenceReader extends Reader {
        private final CharSequence text;
        private int position;

        CharSequenceReader(CharSequence text) {
            this.text = text;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position >= text.length()) {
                return -1;
            }
            int count = Math.min(length, text.length() - position);
            for (int k = 0; k < count; k++) {
                buffer[offset + k] = text.charAt(position++);
            }
            return count;
        }

        @Override
        public void close() {}
    }

    /** The parameter or member name an argument's path ends with: {@code attachments[0].file_id} is file_id. */
    static String leafName(String path) {
        int end = path.length();
        if (path.endsWith("(key)")) {
            return "";
        }
        while (end > 0 && path.charAt(end - 1) == ']') {
            int open = path.lastIndexOf('[', end - 1);
            if (open < 0) {
                break;
            }
            end = open;
        }
        int dot = path.lastIndexOf('.', end - 1);
        return normalise(path.substring(dot + 1, end));
    }
}
