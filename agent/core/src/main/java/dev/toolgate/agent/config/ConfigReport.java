package dev.toolgate.agent.config;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code toolgate config [AGENT-ARGUMENTS]}: the effective configuration of an agent started in this environment
 * (this process's {@code -Dtoolgate.*} properties and {@code TOOLGATE_*} variables, the config file they name,
 * and the agent arguments given), each value with where it came from. Secrets print as {@code (set)}. Exit codes:
 * 0 valid, 1 the configuration would be refused, 2 usage.
 */
public final class ConfigReport {

    private ConfigReport() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1 || args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            (args.length > 1 ? err : out)
                    .println("usage: toolgate config [AGENT-ARGUMENTS]   e.g. toolgate config policy=p.yaml,role=r");
            return args.length > 1 ? 2 : 0;
        }
        Map<String, String> properties = new java.util.HashMap<>();
        System.getProperties().forEach((name, value) -> {
            if (name instanceof String key && value instanceof String text) {
                properties.put(key, text);
            }
        });
        return report(args.length == 1 ? args[0] : null, properties, System.getenv(), out, err);
    }

    /** The report for the given sources: what {@link #run} prints, testable without this process's environment. */
    static int report(
            String agentArguments,
            Map<String, String> properties,
            Map<String, String> environment,
            PrintStream out,
            PrintStream err) {
        ConfigReader reader;
        try {
            reader = ConfigReader.of(agentArguments, properties, environment);
        } catch (ConfigException e) {
            err.println("toolgate config: " + e.getMessage());
            return 1;
        }
        for (String warning : reader.warnings()) {
            err.println("WARNING: " + warning);
        }
        int width = 0;
        for (ConfigCatalog.Entry entry : ConfigCatalog.entries()) {
            width = Math.max(width, entry.key().length());
        }
        for (ConfigCatalog.Entry entry : ConfigCatalog.entries()) {
            String line;
            var setting = reader.resolve(entry.key());
            if (setting.isPresent()) {
                String value = entry.secret() ? "(set)" : setting.get().value();
                line = value + "   [" + setting.get().source().label() + ": "
                        + setting.get().origin() + "]";
            } else {
                line = entry.defaultValue() + "   [default]";
            }
            out.println(String.format("%-" + width + "s = %s", entry.key(), line));
        }
        try {
            reader.read();
            if (!reader.enabled()) {
                out.println("enforcement is OFF by configuration (" + ConfigReader.ENABLED + "=false)");
            }
        } catch (ConfigException e) {
            err.println("toolgate config: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
