package dev.toolgate.agent.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the {@link AgentConfig} from its sources. For each key the first source that sets it wins:
 * <ol>
 *   <li>the agent arguments, {@code -javaagent:toolgate-agent.jar=policy=FILE,role=R} (a comma inside a value is
 *       written {@code \,}, a backslash {@code \\});</li>
 *   <li>system properties, {@code -Dtoolgate.policy=FILE};</li>
 *   <li>environment variables, {@code TOOLGATE_POLICY=FILE} ({@link #environmentName});</li>
 *   <li>the config file named by {@code config.file} (a Java properties file whose keys are the names above
 *       without the {@code toolgate.} prefix);</li>
 *   <li>the built-in default.</li>
 * </ol>
 * Unknown agent arguments and unknown keys in the config file are errors; unknown {@code toolgate.*} system
 * properties and {@code TOOLGATE_*} variables are {@link #warnings() warned about} with the closest known key,
 * since other software may set them.
 */
public final class ConfigReader {

    public static final String POLICY = "policy";
    public static final String ROLE = "role";
    public static final String MODE = "mode";
    public static final String AUDIT_FILE = "audit.file";
    public static final String AGENT_ID = "agent.id";
    /** {@code false}: the kill switch; the agent installs nothing and says so. */
    public static final String ENABLED = "enabled";
    /** A properties file with further settings, asked after the environment. */
    public static final String CONFIG_FILE = "config.file";

    public static final String APPROVAL_CHANNEL = "approval.channel";
    public static final String APPROVAL_TIMEOUT = "approval.timeout";
    public static final String APPROVAL_WEBHOOK_URL = "approval.webhook.url";
    public static final String APPROVAL_WEBHOOK_SECRET = "approval.webhook.secret";
    public static final String APPROVAL_WEBHOOK_SIGNATURE = "approval.webhook.signature";
    public static final String APPROVAL_WEBHOOK_ALLOW_HTTP = "approval.webhook.allow.http";
    public static final String APPROVAL_ENDPOINT_PORT = "approval.endpoint.port";
    public static final String APPROVAL_ENDPOINT_TOKEN = "approval.endpoint.token";
    public static final String APPROVAL_ENDPOINT_TOKEN_FILE = "approval.endpoint.token.file";
    public static final String APPROVAL_ENDPOINT_PENDING_MAX = "approval.endpoint.pending.max";
    public static final String APPROVAL_ENDPOINT_SESSION_TIMEOUT = "approval.endpoint.session.timeout";

    /** Keys this version understands; anything else in the agent arguments is a mistake worth stopping for. */
    public static final Set<String> KEYS = Stream.of(
                    Set.of(
                            POLICY,
                            ROLE,
                            MODE,
                            AUDIT_FILE,
                            AGENT_ID,
                            ENABLED,
                            CONFIG_FILE,
                            APPROVAL_CHANNEL,
                            APPROVAL_TIMEOUT,
                            APPROVAL_WEBHOOK_URL,
                            APPROVAL_WEBHOOK_SECRET,
                            APPROVAL_WEBHOOK_SIGNATURE,
                            APPROVAL_WEBHOOK_ALLOW_HTTP,
                            APPROVAL_ENDPOINT_PORT,
                            APPROVAL_ENDPOINT_TOKEN,
                            APPROVAL_ENDPOINT_TOKEN_FILE,
                            APPROVAL_ENDPOINT_PENDING_MAX,
                            APPROVAL_ENDPOINT_SESSION_TIMEOUT),
                    SettingNames.ALL)
            .flatMap(Set::stream)
            .collect(Collectors.toUnmodifiableSet());

    static final String DEFAULT_AUDIT_FILE = "toolgate-audit.jsonl";
    static final String DEFAULT_AGENT_ID = "agent";

    private static final String PROPERTY_PREFIX = "toolgate.";

    private final Map<String, String> agentArguments;
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final ConfigFile file;
    private final List<String> warnings;

    public ConfigReader(
            String agentArguments, Function<String, String> systemProperties, Function<String, String> environment)
            throws ConfigException {
        this(agentArguments, systemProperties, environment, List.of());
    }

    private ConfigReader(
            String agentArguments,
            Function<String, String> systemProperties,
            Function<String, String> environment,
            List<String> warnings)
            throws ConfigException {
        this.agentArguments = parseAgentArguments(agentArguments);
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.warnings = List.copyOf(warnings);
        Optional<ConfigSetting> fileSetting = resolveOutsideFile(CONFIG_FILE);
        this.file = fileSetting.isEmpty()
                ? ConfigFile.NONE
                : ConfigFile.read(
                        Path.of(fileSetting.get().value()), fileSetting.get().origin());
    }

    /**
     * A reader that also warns about the {@code toolgate.*} properties and {@code TOOLGATE_*} variables among
     * {@code systemProperties} and {@code environment} that name no setting.
     */
    public static ConfigReader of(
            String agentArguments, Map<String, String> systemProperties, Map<String, String> environment)
            throws ConfigException {
        Map<String, String> properties = Map.copyOf(systemProperties);
        Map<String, String> variables = Map.copyOf(environment);
        return new ConfigReader(agentArguments, properties::get, variables::get, unknownNames(properties, variables));
    }

    /** Reads this JVM's agent arguments, system properties and environment. */
    public static AgentConfig fromJvm(String agentArguments) throws ConfigException {
        return forJvm(agentArguments).read();
    }

    /** A reader of this JVM's agent arguments, system properties and environment, for settings of one capability. */
    public static ConfigReader forJvm(String agentArguments) throws ConfigException {
        Map<String, String> properties = new java.util.HashMap<>();
        System.getProperties().forEach((name, value) -> {
            if (name instanceof String key && value instanceof String text) {
                properties.put(key, text);
            }
        });
        return of(agentArguments, properties, System.getenv());
    }

    /** One line per unknown {@code toolgate.*} property or {@code TOOLGATE_*} variable, naming the closest key. */
    public List<String> warnings() {
        return warnings;
    }

    /** Whether the agent is to enforce at all: {@code enabled=false} is the kill switch. */
    public boolean enabled() throws ConfigException {
        Optional<String> enabled = value(ENABLED);
        return enabled.isEmpty() || ConfigValues.bool(ENABLED, enabled.get());
    }

    public AgentConfig read() throws ConfigException {
        Optional<Path> policy = value(POLICY).map(Path::of);
        Optional<String> role = value(ROLE);
        Mode mode = parseMode(value(MODE).orElse(Mode.ENFORCE.wireName()));
        Path audit = Path.of(value(AUDIT_FILE).orElse(DEFAULT_AUDIT_FILE));
        String agentId = value(AGENT_ID).orElse(DEFAULT_AGENT_ID);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : KEYS) {
            value(key).ifPresent(value -> settings.put(key, value));
        }
        return new AgentConfig(policy, role, mode, audit, agentId, settings);
    }

    /** The value of {@code key} from the first source that sets it, blank values counting as unset. */
    public Optional<String> value(String key) {
        return resolve(key).map(ConfigSetting::value);
    }

    /** The value of {@code key} and where it came from; empty when no source sets it (the default applies). */
    public Optional<ConfigSetting> resolve(String key) {
        Optional<ConfigSetting> outside = resolveOutsideFile(key);
        if (outside.isPresent() || file == null) {
            return outside;
        }
        return file.setting(key);
    }

    /** The config file, if one is set. */
    public Optional<Path> configFile() {
        return Optional.ofNullable(file == null ? null : file.path());
    }

    private Optional<ConfigSetting> resolveOutsideFile(String key) {
        String fromArguments = agentArguments.get(key);
        if (isSet(fromArguments)) {
            return Optional.of(new ConfigSetting(
                    key, fromArguments.trim(), ConfigSource.AGENT_ARGUMENT, key + "=… in the agent arguments"));
        }
        String fromProperty = systemProperties.apply(PROPERTY_PREFIX + key);
        if (isSet(fromProperty)) {
            return Optional.of(new ConfigSetting(
                    key, fromProperty.trim(), ConfigSource.SYSTEM_PROPERTY, "-D" + PROPERTY_PREFIX + key));
        }
        String fromEnvironment = environment.apply(environmentName(key));
        if (isSet(fromEnvironment)) {
            return Optional.of(
                    new ConfigSetting(key, fromEnvironment.trim(), ConfigSource.ENVIRONMENT, environmentName(key)));
        }
        return Optional.empty();
    }

    private static List<String> unknownNames(Map<String, String> properties, Map<String, String> environment) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> knownVariables = new java.util.HashMap<>();
        for (String key : KEYS) {
            knownVariables.put(environmentName(key), key);
        }
        for (String name : new TreeSet<>(properties.keySet())) {
            if (name.startsWith(PROPERTY_PREFIX) && !KEYS.contains(name.substring(PROPERTY_PREFIX.length()))) {
                String closest = ClosestKey.to(name.substring(PROPERTY_PREFIX.length()), KEYS);
                warnings.add("system property -D" + name + " is not a Toolgate setting and is ignored"
                        + (closest == null
                                ? "; see docs/configuration.md for the known keys"
                                : "; did you mean -D" + PROPERTY_PREFIX + closest + "?"));
            }
        }
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith("TOOLGATE_") && !knownVariables.containsKey(name)) {
                String closest = ClosestKey.to(name, knownVariables.keySet());
                warnings.add("environment variable " + name + " is not a Toolgate setting and is ignored"
                        + (closest == null
                                ? "; see docs/configuration.md for the known keys"
                                : "; did you mean " + closest + "?"));
            }
        }
        return warnings;
    }

    /** {@code audit.file} is read from {@code TOOLGATE_AUDIT_FILE}. */
    public static String environmentName(String key) {
        return "TOOLGATE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Mode parseMode(String text) throws ConfigException {
        for (Mode mode : Mode.values()) {
            if (mode.wireName().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new ConfigException("toolgate mode '" + text + "' is not a mode; use enforce or monitor (key '" + MODE
                + "', -Dtoolgate.mode, or " + environmentName(MODE) + ").");
    }

    private static Map<String, String> parseAgentArguments(String text) throws ConfigException {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return values;
        }
        for (String pair : splitArguments(text)) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException("agent argument '" + pair + "' is not key=value; write for instance"
                        + " -javaagent:toolgate-agent.jar=policy=policy.yaml,role=data_agent (a comma inside a"
                        + " value is written \\,).");
            }
            String key = pair.substring(0, equals).trim();
            if (!KEYS.contains(key)) {
                String closest = ClosestKey.to(key, KEYS);
                throw new ConfigException("agent argument '" + key + "' is not a Toolgate setting"
                        + (closest == null ? "" : "; did you mean '" + closest + "'?") + " Known settings: "
                        + new TreeSet<>(KEYS) + ".");
            }
            values.put(key, pair.substring(equals + 1));
        }
        return values;
    }

    /**
     * Splits the agent arguments at commas. {@code \,} is a comma inside a value (a URL's query string) and
     * {@code \\} a backslash; any other backslash is kept as it is, so Windows paths need no escaping.
     */
    static List<String> splitArguments(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == ',' || text.charAt(i + 1) == '\\')) {
                current.append(text.charAt(++i));
            } else if (c == ',') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
