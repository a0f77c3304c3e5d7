package dev.toolgate.agent.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of one validator as written in the policy, read with their types checked. Every problem names the
 * full policy key of the option. {@link #finish()} reports options that no reader asked for, with the known ones.
 */
public final class Options {

    private final String keyPrefix;
    private final Map<String, Object> values;
    private final Set<String> known = new TreeSet<>();

    /**
     * @param keyPrefix the policy key of the mapping these options come from, e.g.
     *                  {@code tools.shell_exec.params.command}
     */
    public Options(String keyPrefix, Map<String, ?> values) {
        this.keyPrefix = keyPrefix;
        this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }

    public static Options none(String keyPrefix) {
        return new Options(keyPrefix, Map.of());
    }

    public String key(String option) {
        return keyPrefix + "." + option;
    }

    public boolean has(String option) {
        known.add(option);
        return values.get(option) != null;
    }

    public List<String> strings(String option, List<String> fallback) throws SettingException {
        known.add(option);
        Object value = values.get(option);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        if (!(value instanceof List<?> list)) {
            throw new SettingException(key(option), "expected a list of strings, found " + describe(value) + ".");
        }
        List<String> out = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof String text) || text.isBlank()) {
                throw new SettingException(
                        key(option),
                        "expected a list of non-empty strings, found the element " + describe(element) + ".");
            }
            out.add(text);
        }
        return List.copyOf(out);
    }

    public boolean bool(String option, boolean fallback) throws SettingException {
        known.add(option);
        Object value = values.get(option);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean bool)) {
            throw new SettingException(key(option), "expected true or false, found " + describe(value) + ".");
        }
        return bool;
    }

    public int integer(String option, int fallback, int min, int max) throws SettingException {
        known.add(option);
        Object value = values.get(option);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number)
                || number.doubleValue() != Math.rint(number.doubleValue())
                || number.longValue() < min
                || number.longValue() > max) {
            throw new SettingException(
                    key(option),
                    "expected a whole number from " + min + " to " + max + ", found " + describe(value) + ".");
        }
        return number.intValue();
    }

    public double number(String option, double fallback, double min, double max) throws SettingException {
        known.add(option);
        Object value = values.get(option);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() < min || number.doubleValue() > max) {
            throw new SettingException(
                    key(option), "expected a number from " + min + " to " + max + ", found " + describe(value) + ".");
        }
        return number.doubleValue();
    }

    public String string(String option, String fallback) throws SettingException {
        known.add(option);
        Object value = values.get(option);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new SettingException(key(option), "expected a non-empty string, found " + describe(value) + ".");
        }
        return text;
    }

    /** A string that must be one of {@code choices} (case-insensitive); returned in lower case. */
    public String choice(String option, String fallback, List<String> choices) throws SettingException {
        String text = string(option, fallback);
        if (text == null) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!choices.contains(lower)) {
            throw new SettingException(key(option), "'" + text + "' is not one of " + String.join(", ", choices) + ".");
        }
        return lower;
    }

    /** Declares an option that is read elsewhere, so {@link #finish()} does not report it. */
    public void expect(String option) {
        known.add(option);
    }

    /** Fails on the first option that no reader asked for. */
    public void finish() throws SettingException {
        for (String option : values.keySet()) {
            if (!known.contains(option)) {
                throw new SettingException(
                        key(option),
                        "unknown option '" + option + "'. Known options here: " + String.join(", ", known) + ".");
            }
        }
    }

    private static String describe(Object value) {
        if (value instanceof String text) {
            return "the string '" + text + "'";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return "the value " + value;
    }
}
