package dev.toolgate.agent.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The optional config file ({@code config.file}): a Java properties file, UTF-8, whose keys are the setting names
 * without the {@code toolgate.} prefix ({@code audit.file=/var/log/toolgate/audit.jsonl}). Asked after the
 * environment and before the defaults. A key it does not know is an error naming the file and line, as a typo in
 * an agent argument is: the file exists only for Toolgate.
 */
final class ConfigFile {

    static final ConfigFile NONE = new ConfigFile(null, Map.of(), Map.of());

    /** A config file is a few lines. */
    private static final long MAX_BYTES = 1024 * 1024;

    private final Path path;
    private final Map<String, String> values;
    private final Map<String, Integer> lines;

    private ConfigFile(Path path, Map<String, String> values, Map<String, Integer> lines) {
        this.path = path;
        this.values = values;
        this.lines = lines;
    }

    /** @param origin where {@code config.file} was set, for the error when the file cannot be read */
    static ConfigFile read(Path path, String origin) throws ConfigException {
        String text;
        try {
            if (Files.isDirectory(path)) {
                throw new ConfigException(path + ": is a directory; config.file (set by " + origin + ") must name"
                        + " a properties file.");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new ConfigException(path + ": the config file (set by " + origin + ") is over " + MAX_BYTES
                        + " bytes; is this the right file?");
            }
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(
                    path + ": config file not found (set by " + origin + "). Create it or unset" + " config.file.");
        } catch (CharacterCodingException e) {
            throw new ConfigException(path + ": the config file is not UTF-8 text. Save it as UTF-8.");
        } catch (IOException e) {
            throw new ConfigException(path + ": the config file cannot be read (" + e + ").");
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(path + ": not a properties file (" + e.getMessage() + ").");
        }
        Map<String, Integer> lines = lineNumbers(text);
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            String where = path + ":" + lines.getOrDefault(key, 0);
            if (key.equals(ConfigReader.CONFIG_FILE)) {
                throw new ConfigException(where + ": config.file cannot be set inside a config file.");
            }
            if (!ConfigReader.KEYS.contains(key)) {
                String bare = key.startsWith("toolgate.") ? key.substring("toolgate.".length()) : null;
                String hint = bare != null && ConfigReader.KEYS.contains(bare)
                        ? "; write it without the toolgate. prefix: " + bare
                        : Optional.ofNullable(ClosestKey.to(key, ConfigReader.KEYS))
                                .map(closest -> "; did you mean '" + closest + "'?")
                                .orElse("; see docs/configuration.md for the known keys.");
                throw new ConfigException(where + ": '" + key + "' is not a Toolgate setting" + hint);
            }
            values.put(key, properties.getProperty(key));
        }
        return new ConfigFile(path, Map.copyOf(values), Map.copyOf(lines));
    }

    Path path() {
        return path;
    }

    Optional<ConfigSetting> setting(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ConfigSetting(key, value.trim(), ConfigSource.CONFIG_FILE, path + ":" + lines.get(key)));
    }

    /** The line each key is written on (the last, if written twice: the one Properties keeps). */
    private static Map<String, Integer> lineNumbers(String text) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<String> all = text.lines().toList();
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i).stripLeading();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && "=: \t".indexOf(line.charAt(end)) < 0) {
                end++;
            }
            lines.put(line.substring(0, end), i + 1);
        }
        return lines;
    }
}
