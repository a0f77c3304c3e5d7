package dev.toolgate.agent.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the {@link AgentConfig} from three sources. For each key the first source that sets it wins:
 * <ol>
 *   <li>the agent arguments, {@code -javaagent:toolgate-agent.jar=policy=FILE,role=R};</li>
 *   <li>system properties, {@code -Dtoolgate.policy=FILE};</li>
 *   <li>environment variables, {@code TOOLGATE_POLICY=FILE};</li>
 *   <li>the built-in default.</li>
 * </ol>
 */
public final class ConfigReader {

    public static final String POLICY = "policy";
    public static final String ROLE = "role";
    public static final String MODE = "mode";
    public static final String AUDIT_FILE = "audit.file";
    public static final String AGENT_ID = "agent.id";

    public static final String APPROVAL_CHANNEL = "approval.channel";
    public static final String APPROVAL_TIMEOUT = "approval.timeout";
    public static final String APPROVAL_WEBHOOK_URL = "approval.webhook.url";
    public static final String APPROVAL_WEBHOOK_SECRET = "approval.webhook.secret";
    public static final String APPROVAL_ENDPOINT_PORT = "approval.endpoint.port";
    public static final String APPROVAL_ENDPOINT_TOKEN = "approval.endpoint.token";
    public static final String APPROVAL_ENDPOINT_TOKEN_FILE = "approval.endpoint.token.file";

    /** Keys this version understands; anything else in the agent arguments is a mistake worth stopping for. */
    public static final Set<String> KEYS = Stream.of(
                    Set.of(
                            POLICY,
                            ROLE,
                            MODE,
                            AUDIT_FILE,
                            AGENT_ID,
                            APPROVAL_CHANNEL,
                            APPROVAL_TIMEOUT,
                            APPROVAL_WEBHOOK_URL,
                            APPROVAL_WEBHOOK_SECRET,
                            APPROVAL_ENDPOINT_PORT,
                            APPROVAL_ENDPOINT_TOKEN,
                            APPROVAL_ENDPOINT_TOKEN_FILE),
                    SettingNames.ALL)
            .flatMap(Set::stream)
            .collect(Collectors.toUnmodifiableSet());

    static final String DEFAULT_AUDIT_FILE = "toolgate-audit.jsonl";
    static final String DEFAULT_AGENT_ID = "agent";

    private final Map<String, String> agentArguments;
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    public ConfigReader(
            String agentArguments, Function<String, String> systemProperties, Function<String, String> environment)
            throws ConfigException {
        this.agentArguments = parseAgentArguments(agentArguments);
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** Reads this JVM's agent arguments, system properties and environment. */
    public static AgentConfig fromJvm(String agentArguments) throws ConfigException {
        return forJvm(agentArguments).read();
    }

    /** A reader of this JVM's agent arguments, system properties and environment, for settings of one capability. */
    public static ConfigReader forJvm(String agentArguments) throws ConfigException {
        return new ConfigReader(agentArguments, System::getProperty, System::getenv);
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
        String fromArguments = agentArguments.get(key);
        if (isSet(fromArguments)) {
            return Optional.of(fromArguments.trim());
        }
        String fromProperty = systemProperties.apply("toolgate." + key);
        if (isSet(fromProperty)) {
            return Optional.of(fromProperty.trim());
        }
        String fromEnvironment = environment.apply(environmentName(key));
        return isSet(fromEnvironment) ? Optional.of(fromEnvironment.trim()) : Optional.empty();
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
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException("agent argument '" + pair + "' is not key=value; write for instance"
                        + " -javaagent:toolgate-agent.jar=policy=policy.yaml,role=data_agent.");
            }
            String key = pair.substring(0, equals).trim();
            if (!KEYS.contains(key)) {
                throw new ConfigException("agent argument '" + key + "' is not a Toolgate setting; known settings: "
                        + new TreeSet<>(KEYS) + ".");
            }
            values.put(key, pair.substring(equals + 1));
        }
        return values;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
