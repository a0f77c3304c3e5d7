package dev.toolgate.agent.validation;

import dev.toolgate.agent.rules.RulePack;
import dev.toolgate.agent.screening.PromptInjectionDetector;
import dev.toolgate.agent.screening.SecretScanner;
import dev.toolgate.agent.validation.path.PathValidator;
import dev.toolgate.agent.validation.shell.ShellArgValidator;
import dev.toolgate.agent.validation.shell.ShellCommandValidator;
import dev.toolgate.agent.validation.sql.SqlDialect;
import dev.toolgate.agent.validation.sql.SqlValidator;
import dev.toolgate.agent.validation.url.UrlValidator;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Builds a validator from its type name and options, checking every option. */
public final class ValidatorFactory {

    /** Every validator type a policy can name. */
    public static final List<String> TYPES = List.of(
            ShellArgValidator.TYPE,
            ShellCommandValidator.TYPE,
            SqlValidator.WRITE_TYPE,
            SqlValidator.READ_TYPE,
            PathValidator.TYPE,
            UrlValidator.TYPE,
            TextScreeningValidator.PROMPT_INJECTION,
            TextScreeningValidator.SECRETS);

    private ValidatorFactory() {}

    /** A validator matching with the built-in rule pack. */
    public static ArgumentValidator create(String type, Options options) throws SettingException {
        return create(type, options, RulePack.builtIn());
    }

    /** A validator matching with {@code pack} (the built-in pack as the policy changed it). */
    /**
     * How SQL handed to a database client on a command line is judged: refused when the {@code sql} validator
     * refuses it, unless {@code sql-read} accepts it: a statement that only reads destroys nothing, even in syntax
     * the grammars lack ({@code psql -c "SELECT"} on its own is an incomplete statement the database refuses).
     */
    private static java.util.function.Function<String, String> embeddedSql(RulePack pack) {
        SqlValidator write = new SqlValidator(false, 100_000, 1_000, true, SqlDialect.GENERIC, pack);
        SqlValidator read = new SqlValidator(true, 100_000, 1_000, false, SqlDialect.GENERIC, pack);
        return sql -> {
            String reason = write.reason(sql);
            return reason == null || read.check(sql).allowed() ? null : reason;
        };
    }

    public static ArgumentValidator create(String type, Options options, RulePack pack) throws SettingException {
        ArgumentValidator validator = switch (type) {
            case ShellArgValidator.TYPE ->
                new ShellArgValidator(
                        options.bool("allow_spaces", false),
                        options.bool("allow_leading_dash", false),
                        options.bool("deny_command_names", true),
                        options.integer("max_length", 4096, 1, Integer.MAX_VALUE),
                        pack);
            case ShellCommandValidator.TYPE ->
                new ShellCommandValidator(
                        new LinkedHashSet<>(options.strings("allow_programs", List.of())),
                        new LinkedHashSet<>(options.strings("deny_programs", List.of())),
                        options.integer("max_length", 64 * 1024, 1, Integer.MAX_VALUE),
                        embeddedSql(pack),
                        pack);
            case SqlValidator.WRITE_TYPE, SqlValidator.READ_TYPE ->
                new SqlValidator(
                        type.equals(SqlValidator.READ_TYPE),
                        options.integer("max_length", 100_000, 1, Integer.MAX_VALUE),
                        options.integer("timeout_ms", 1_000, 1, 60_000),
                        options.bool("strict_parse", false),
                        SqlDialect.of(options.choice("dialect", "generic", SqlDialect.NAMES)),
                        pack);
            case PathValidator.TYPE ->
                new PathValidator(
                        paths(options, "roots"),
                        path(options, "base"),
                        options.bool("allow_sensitive", false),
                        options.integer("max_length", 4096, 1, Integer.MAX_VALUE));
            case UrlValidator.TYPE ->
                new UrlValidator(
                        new LinkedHashSet<>(options.strings("schemes", List.of("http", "https"))),
                        options.strings("allow_hosts", List.of()),
                        options.strings("deny_hosts", List.of()),
                        options.bool("allow_internal", false),
                        options.bool("allow_credentials", false),
                        options.integer("max_length", 8192, 1, Integer.MAX_VALUE));
            case TextScreeningValidator.PROMPT_INJECTION ->
                TextScreeningValidator.promptInjection(
                        new PromptInjectionDetector(
                                options.integer("threshold", PromptInjectionDetector.DEFAULT_THRESHOLD, 1, 100), pack),
                        options.integer("max_length", 1 << 20, 1, Integer.MAX_VALUE));
            case TextScreeningValidator.SECRETS ->
                TextScreeningValidator.secrets(
                        new SecretScanner(List.of(), List.of(), pack),
                        options.integer("max_length", 1 << 20, 1, Integer.MAX_VALUE));
            default ->
                throw new SettingException(
                        options.key("validator"),
                        "'" + type + "' is not a validator." + " Use one of " + String.join(", ", TYPES)
                                + ", or a name from the validators: section.");
        };
        options.finish();
        return validator;
    }

    private static List<Path> paths(Options options, String option) throws SettingException {
        List<Path> out = new ArrayList<>();
        for (String text : options.strings(option, List.of())) {
            out.add(toPath(options, option, text));
        }
        return out;
    }

    private static Path path(Options options, String option) throws SettingException {
        String text = options.string(option, null);
        return text == null ? null : toPath(options, option, text);
    }

    private static Path toPath(Options options, String option, String text) throws SettingException {
        try {
            Path path = Path.of(text);
            if (!path.isAbsolute()) {
                throw new SettingException(
                        options.key(option),
                        "'" + text + "' is not an absolute path; give" + " directories from the file system root.");
            }
            return path;
        } catch (InvalidPathException e) {
            throw new SettingException(options.key(option), "'" + text + "' is not a path: " + e.getReason());
        }
    }
}
