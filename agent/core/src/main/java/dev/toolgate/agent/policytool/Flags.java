package dev.toolgate.agent.policytool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of one command: {@code --name value} or {@code --name=value} flags from a known set, and
 * the rest as operands. Hand-rolled and small on purpose, until the commands move onto the picocli CLI.
 */
final class Flags {

    /** A command line that cannot be used; the message says what is wrong and what to do. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, String> values;
    private final List<String> operands;
    private final boolean help;

    private Flags(Map<String, String> values, List<String> operands, boolean help) {
        this.values = values;
        this.operands = operands;
        this.help = help;
    }

    /**
     * @param valued   flags that take a value, without the leading dashes
     * @param switches flags that take none
     */
    static Flags parse(String command, String[] args, Set<String> valued, Set<String> switches) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--") || arg.equals("--")) {
                operands.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            if (switches.contains(name) && equals < 0) {
                values.put(name, "true");
                continue;
            }
            if (!valued.contains(name)) {
                throw new UsageException(command + ": unknown option '--" + name + "'");
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(command + ": option '--" + name + "' needs a value");
            }
            if (values.put(name, value) != null) {
                throw new UsageException(command + ": option '--" + name + "' is given twice");
            }
        }
        return new Flags(values, operands, help);
    }

    boolean help() {
        return help;
    }

    String value(String name) {
        return values.get(name);
    }

    boolean isSet(String name) {
        return values.containsKey(name);
    }

    String required(String command, String name) throws UsageException {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException(command + ": --" + name + " is required");
        }
        return value;
    }

    List<String> operands() {
        return operands;
    }
}
